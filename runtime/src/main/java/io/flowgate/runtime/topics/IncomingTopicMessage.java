package io.flowgate.runtime.topics;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.Ids;
import io.flowgate.core.Json;
import io.flowgate.core.Timestamps;
import io.flowgate.core.message.TopicMessage;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.UUID;

/**
 * Reads what arrives from {@code flowgate.topics} into a TopicMessage. Flowgate's own publishers send
 * complete TopicMessages; an AMQP client may send one too, or just the data object, and the platform fills
 * in the rest:
 *
 * <ul>
 *   <li>a JSON object that has {@code data} and no fields other than {@code id}, {@code topicName},
 *       {@code data} and {@code metadata} is a TopicMessage; any other JSON object is the data;</li>
 *   <li>{@code id}: the message's, else the AMQP {@code message_id} (a UUID as it is, other text turned into a
 *       UUID by name), else a new one, so give a {@code message_id} to have every subscriber see the same id;</li>
 *   <li>{@code topicName}: the routing key's (a different one in the message is refused);</li>
 *   <li>{@code metadata.publishedAt}: the message's, else the time it arrived; {@code correlationId}: the
 *       message's, else its id.</li>
 * </ul>
 *
 * Anything else that is wrong is an INVALID_INPUT error saying what.
 */
final class IncomingTopicMessage {

    static final int MAX_CORRELATION_ID_LENGTH = 200;
    private static final Set<String> ENVELOPE_FIELDS = Set.of("id", "topicName", "data", "metadata");

    private IncomingTopicMessage() {
    }

    /**
     * @param amqpMessageId the AMQP {@code message_id} property, or null
     * @param topicName     the topic the routing key names
     * @param arrivedAt     when it arrived, its {@code publishedAt} when it has none
     */
    static TopicMessage read(byte[] body, String amqpMessageId, String topicName, Instant arrivedAt) {
        JsonNode json = Json.parse(body);
        if (!json.isObject()) {
            throw FlowgateException.invalid("A topic message must be a JSON object (a TopicMessage or its data)");
        }
        if (!isEnvelope(json)) {
            return new TopicMessage(fallbackId(amqpMessageId), topicName, json, arrivedAt, null, null).withDefaultCorrelation();
        }
        checkTopicName(json, topicName);
        JsonNode metadata = json.path("metadata");
        if (!metadata.isMissingNode() && !metadata.isObject()) {
            throw FlowgateException.invalid("metadata must be an object");
        }
        UUID id = json.has("id") ? uuid(json.get("id"), "id") : fallbackId(amqpMessageId);
        Instant publishedAt = metadata.has("publishedAt") ? instant(metadata.get("publishedAt")) : arrivedAt;
        UUID sourceFlowId = metadata.has("sourceFlowId") ? uuid(metadata.get("sourceFlowId"), "metadata.sourceFlowId") : null;
        return new TopicMessage(id, topicName, json.get("data"), publishedAt, sourceFlowId, correlationId(metadata))
                .withDefaultCorrelation();
    }

    private static boolean isEnvelope(JsonNode json) {
        if (!json.has("data")) {
            return false;
        }
        for (var names = json.fieldNames(); names.hasNext(); ) {
            if (!ENVELOPE_FIELDS.contains(names.next())) {
                return false;
            }
        }
        return true;
    }

    private static void checkTopicName(JsonNode json, String topicName) {
        JsonNode named = json.get("topicName");
        if (named != null && !named.isNull() && !topicName.equals(named.asText())) {
            throw FlowgateException.invalid("topicName '" + named.asText() + "' is not the topic of the routing key ('"
                    + topicName + "')");
        }
    }

    private static UUID fallbackId(String amqpMessageId) {
        if (amqpMessageId == null || amqpMessageId.isBlank()) {
            return UUID.randomUUID();
        }
        return Ids.isUuid(amqpMessageId) ? UUID.fromString(amqpMessageId) : Ids.derive("amqp-message-id", amqpMessageId);
    }

    private static UUID uuid(JsonNode value, String field) {
        if (!value.isTextual() || !Ids.isUuid(value.asText())) {
            throw FlowgateException.invalid(field + " must be a UUID");
        }
        return UUID.fromString(value.asText());
    }

    private static Instant instant(JsonNode value) {
        try {
            return Timestamps.millis(Timestamps.parse(value.asText()));
        } catch (DateTimeParseException e) {
            throw FlowgateException.invalid("metadata.publishedAt must be an RFC 3339 date-time, got '" + value.asText() + "'");
        }
    }

    private static String correlationId(JsonNode metadata) {
        JsonNode value = metadata.get("correlationId");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isEmpty() || value.asText().length() > MAX_CORRELATION_ID_LENGTH) {
            throw FlowgateException.invalid("metadata.correlationId must be a string of 1 to " + MAX_CORRELATION_ID_LENGTH
                    + " characters");
        }
        return value.asText();
    }
}
