package io.flowgate.runtime.components;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.Json;
import io.flowgate.runtime.component.ComponentFunction;
import io.flowgate.runtime.component.PreparedStep;
import io.flowgate.runtime.component.StepContext;
import io.flowgate.runtime.component.StepResult;
import java.util.function.Function;

/**
 * The trigger steps (webhook, topic subscription, schedule). Their input is the message of the spec that
 * triggered the flow (a WebhookTriggerMessage, a TopicMessage); they hand on its payload as the body and
 * the rest as attributes, so the following steps work on the payload.
 */
record TriggerFunction(String componentId, String function, String description, ObjectNode fieldsSchema,
                       Function<StepContext, StepResult.Output> unwrap) implements ComponentFunction {

    @Override
    public Kind kind() {
        return Kind.TRIGGER;
    }

    @Override
    public PreparedStep prepare(ObjectNode fields) {
        return context -> StepResult.emit(unwrap.apply(context));
    }

    /** WebhookTriggerMessage: the request body goes on; method, headers, query and path become attributes. */
    static StepResult.Output unwrapWebhook(StepContext context) {
        return unwrap(context, "body");
    }

    /** TopicMessage: {@code data} goes on; the topic name, message id and metadata become attributes. */
    static StepResult.Output unwrapTopicMessage(StepContext context) {
        return unwrap(context, "data");
    }

    static StepResult.Output passThrough(StepContext context) {
        return StepResult.Output.of(context.body(), context.attributes());
    }

    private static StepResult.Output unwrap(StepContext context, String payloadField) {
        JsonNode message = context.body();
        if (!message.isObject() || !message.has(payloadField)) {
            return passThrough(context);
        }
        ObjectNode attributes = context.attributes().deepCopy();
        message.properties().forEach(field -> {
            if (!field.getKey().equals(payloadField)) {
                attributes.set(field.getKey(), field.getValue());
            }
        });
        JsonNode payload = message.get(payloadField);
        return StepResult.Output.of(payload == null ? Json.object() : payload, attributes);
    }
}
