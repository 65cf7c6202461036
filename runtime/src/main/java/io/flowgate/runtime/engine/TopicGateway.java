package io.flowgate.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowgate.core.message.TopicMessage;
import java.util.UUID;

/** Where TopicMessages are published from: a flow's {@code topic}/{@code publish} step, or the API. */
@FunctionalInterface
public interface TopicGateway {

    /**
     * One message to publish to the topic {@code topicName} of workspace {@code workspaceId}.
     *
     * @param messageId     the TopicMessage's id, or null for a new one; a flow step gives an id derived from
     *                      its own message, so a step that runs again publishes the same id and subscribers
     *                      recognise it
     * @param sourceFlowId  the publishing flow, or null
     * @param correlationId the correlation id to carry, or null for the message's own id
     */
    record Publication(UUID workspaceId, String topicName, JsonNode data, UUID messageId, UUID sourceFlowId,
                       String correlationId) {
    }

    /**
     * Publishes the message and returns it once the broker confirmed it. Fails with NOT_FOUND for an
     * unknown topic, UNPROCESSABLE (with a problem per violation) when the data is not a JSON object or
     * does not match the topic's schema, UNAVAILABLE when the broker does not confirm.
     */
    TopicMessage publish(Publication publication);
}
