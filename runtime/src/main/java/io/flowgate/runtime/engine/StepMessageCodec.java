package io.flowgate.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.Ids;
import io.flowgate.core.Json;
import io.flowgate.core.message.StepMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Step messages as JSON: on the broker, in timers, and in the record of what a step emitted. */
public final class StepMessageCodec {

    private StepMessageCodec() {
    }

    public static ObjectNode toJson(StepMessage m) {
        ObjectNode json = Json.object();
        json.put("messageId", m.messageId().toString());
        if (m.parentMessageId() != null) {
            json.put("parentMessageId", m.parentMessageId().toString());
        }
        json.put("executionId", m.executionId().toString());
        json.put("flowId", m.flowId().toString());
        json.put("workspaceId", m.workspaceId().toString());
        json.put("flowVersion", m.flowVersion());
        json.put("stepId", m.stepId());
        json.put("attempt", m.attempt());
        json.set("body", m.body());
        json.set("attributes", m.attributes());
        ObjectNode trace = json.putObject("trace");
        if (m.trace().requestId() != null) {
            trace.put("requestId", m.trace().requestId().toString());
        }
        trace.put("correlationId", m.trace().correlationId());
        trace.put("replyTo", m.trace().replyTo());
        return json;
    }

    /** What a step got: the message's body and attributes, as kept with its first attempt. */
    public static ObjectNode input(StepMessage m) {
        ObjectNode input = Json.object();
        input.set("body", m.body());
        input.set("attributes", m.attributes());
        return input;
    }

    public static byte[] encode(StepMessage m) {
        return Json.bytes(toJson(m));
    }

    /** Decodes a step message; anything malformed is an INVALID_INPUT error saying what is wrong. */
    public static StepMessage decode(byte[] bytes) {
        return fromJson(Json.parse(bytes));
    }

    public static StepMessage fromJson(JsonNode json) {
        try {
            JsonNode trace = json.path("trace");
            JsonNode attributes = json.path("attributes");
            return new StepMessage(
                    uuid(json, "messageId"),
                    json.hasNonNull("parentMessageId") ? uuid(json, "parentMessageId") : null,
                    uuid(json, "executionId"),
                    uuid(json, "flowId"),
                    uuid(json, "workspaceId"),
                    flowVersion(json),
                    text(json, "stepId"),
                    Math.max(1, json.path("attempt").asInt(1)),
                    json.path("body").isMissingNode() ? Json.object() : json.get("body"),
                    attributes.isObject() ? (ObjectNode) attributes : Json.object(),
                    new StepMessage.TraceContext(
                            trace.hasNonNull("requestId") ? uuid(trace, "requestId") : null,
                            trace.path("correlationId").asText(null),
                            trace.path("replyTo").asText(null)));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw FlowgateException.invalid("Not a step message: " + e.getMessage());
        }
    }

    public static ArrayNode toJsonArray(List<StepMessage> messages) {
        ArrayNode array = Json.array();
        messages.forEach(m -> array.add(toJson(m)));
        return array;
    }

    public static List<StepMessage> fromJsonArray(JsonNode array) {
        List<StepMessage> messages = new ArrayList<>();
        array.forEach(node -> messages.add(fromJson(node)));
        return messages;
    }

    private static UUID uuid(JsonNode json, String field) {
        String text = text(json, field);
        if (!Ids.isUuid(text)) {
            throw new IllegalArgumentException(field + " is not a UUID");
        }
        return UUID.fromString(text);
    }

    private static int flowVersion(JsonNode json) {
        JsonNode value = json.get("flowVersion");
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 1) {
            throw new IllegalArgumentException("flowVersion must be a positive whole number");
        }
        return value.asInt();
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value.asText();
    }
}
