package io.flowgate.runtime.components;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.runtime.component.ComponentFunction;
import io.flowgate.runtime.component.PreparedStep;
import io.flowgate.runtime.component.StepResult;

/** {@code topic}/{@code publish}: publishes the message body as a TopicMessage's {@code data}, then hands the message on. */
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
        return Fields.schema("""
                {"type":"object","required":["topic"],
                 "properties":{"topic":{"type":"string","minLength":1,"maxLength":200}}}
                """);
    }

    @Override
    public PreparedStep prepare(ObjectNode fields) {
        String topic = Fields.requiredText(fields, "topic");
        return context -> {
            context.publishToTopic(topic, context.body());
            return StepResult.emit(StepResult.Output.of(context.body(), context.attributes()));
        };
    }
}
