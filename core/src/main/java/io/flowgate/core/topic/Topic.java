package io.flowgate.core.topic;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowgate.core.port.Topology;
import java.time.Instant;
import java.util.UUID;

/**
 * A pub/sub topic of a workspace. Its {@code name} is unique in the workspace and part of the AMQP routing
 * key; {@code schema} (a JSON Schema, or null) is what every message's {@code data} must match.
 * {@code version} grows by one with every change, and every version is kept.
 */
public record Topic(UUID id, UUID workspaceId, String name, JsonNode schema, int version, Instant createdAt,
                    Instant updatedAt) {

    public Topic withDefinition(String newName, JsonNode newSchema, Instant now) {
        return new Topic(id, workspaceId, newName, newSchema, version + 1, createdAt, now);
    }

    /** The routing key of this topic's messages on {@link Topology#TOPICS_EXCHANGE}. */
    public String routingKey() {
        return Topology.topicRoutingKey(workspaceId, name);
    }
}
