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
import java.util.Optional;
import java.util.UUID;

/** Step messages as JSON: on the broker, in timers, and in the record of what a step emitted. */
public final class StepMessageCodec {

    private static final String HANDED_OFF_TO = "handedOffTo";

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

    /**
     * What a chain link emitted when it handed its one message to the next link, recorded in the same
     * transaction: a reference to that message instead of a copy, which the next link's record already
     * holds. Still an array of one, so it counts as one message emitted.
     */
    public static ArrayNode handOff(StepMessage next) {
        ArrayNode array = Json.array();
        array.addObject().put(HANDED_OFF_TO, next.messageId().toString()).put("attempt", next.attempt());
        return array;
    }

    /** The message an emitted record handed off to ({@link #handOff}), or empty when it holds the messages themselves. */
    public static Optional<HandedOff> handedOff(JsonNode emitted) {
        JsonNode only = emitted.size() == 1 ? emitted.get(0) : null;
        if (only == null || !only.hasNonNull(HANDED_OFF_TO)) {
            return Optional.empty();
        }
        return Optional.of(new HandedOff(uuid(only, HANDED_OFF_TO), only.path("attempt").asInt(1)));
    }

    /** A message handed to the next link of a chain. */
    public record HandedOff(UUID messageId, int attempt) {
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
