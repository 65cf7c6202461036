package io.flowgate.runtime.components;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.FlowgateException;
import io.flowgate.runtime.component.ComponentFunction;
import io.flowgate.runtime.component.PreparedStep;
import io.flowgate.runtime.component.StepResult;

/**
 * {@code topic}/{@code publish}: publishes the message body as a TopicMessage's {@code data}, then hands the
 * message on. An unknown topic or data the topic refuses is a permanent error; a broker that does not
 * confirm is worth another attempt.
 */
final class TopicPublish implements ComponentFunction {

    @Override
    public String componentId() {
        return "topic";
    }

    @Override
    public String function() {
        return "publish";
    }

    @Override
    public Kind kind() {
        return Kind.ACTION;
    }

    @Override
    public String description() {
        return "Publishes the message body to a topic of the workspace (field topic: its name).";
    }

    @Override
    public ObjectNode fieldsSchema() {
        return Fields.schema(BuiltInComponents.TOPIC_FIELDS);
    }

    @Override
    public PreparedStep prepare(ObjectNode fields) {
        String topic = Fields.requiredText(fields, "topic");
        return context -> {
            try {
                context.publishToTopic(topic, context.body());
            } catch (FlowgateException e) {
                return failure(topic, e);
            }
            return StepResult.emit(StepResult.Output.of(context.body(), context.attributes()));
        };
    }

    static StepResult failure(String topic, FlowgateException e) {
        return switch (e.kind()) {
            case NOT_FOUND -> StepResult.fail("TopicNotFound", "Topic '" + topic + "' does not exist in this workspace", false);
            case UNPROCESSABLE, INVALID_INPUT -> StepResult.fail("TopicMessageInvalid", e.detailWithProblems(), false);
            default -> StepResult.fail("TopicUnavailable", "Could not publish to topic '" + topic + "': " + e.getMessage(), true);
        };
    }
}
