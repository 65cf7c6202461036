package io.flowgate.core.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.Json;
import io.flowgate.core.Timestamps;
import java.time.Instant;
import java.util.UUID;

/** A message published to a topic (the spec's TopicMessage). {@code sourceFlowId} is null when not sent by a flow. */
public record TopicMessage(UUID id, String topicName, JsonNode data, Instant publishedAt, UUID sourceFlowId,
                           String correlationId) {

    /** The same message with its own id as the correlation id, when it has none. */
    public TopicMessage withDefaultCorrelation() {
        return correlationId != null ? this : new TopicMessage(id, topicName, data, publishedAt, sourceFlowId, id.toString());
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("id", id.toString());
        json.put("topicName", topicName);
        json.set("data", data);
        ObjectNode metadata = json.putObject("metadata");
        metadata.put("publishedAt", Timestamps.format(publishedAt));
        if (sourceFlowId != null) {
            metadata.put("sourceFlowId", sourceFlowId.toString());
        }
        if (correlationId != null) {
            metadata.put("correlationId", correlationId);
        }
        return json;
    }
}
