package io.flowgate.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/** Where a {@code topic}/{@code publish} step sends its messages. */
@FunctionalInterface
public interface TopicGateway {

    /** Publishes {@code data} to the workspace's topic; returns once the broker confirmed. */
    void publish(UUID workspaceId, String topicName, JsonNode data, UUID sourceFlowId, String correlationId);
}
