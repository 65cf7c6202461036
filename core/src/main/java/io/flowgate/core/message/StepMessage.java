package io.flowgate.core.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/**
 * The unit of work on the broker: one message on its way into one step of one execution.
 *
 * <p>{@code messageId} identifies the message across redeliveries, so a consumer that sees it again
 * does not run the step again; {@code parentMessageId} is the message whose step emitted it (null for
 * the trigger). {@code body} is what the step works on, {@code attributes} carries metadata such as the
 * HTTP headers of a webhook or the metadata of a topic message.
 *
 * @param replyTo where the sync HTTP reply goes (the queue of the node holding the caller), or null
 */
public record StepMessage(UUID messageId, UUID parentMessageId, UUID executionId, UUID flowId, UUID workspaceId,
                          int flowVersion, String stepId, int attempt, JsonNode body, ObjectNode attributes,
                          TraceContext trace) {

    /**
     * What every message of one execution shares: the request that started it, the correlation id that
     * follows a chain of flows, and where a sync reply goes.
     */
    public record TraceContext(UUID requestId, String correlationId, String replyTo) {
    }

    /** The same message, to be tried once more. */
    public StepMessage nextAttempt() {
        return new StepMessage(messageId, parentMessageId, executionId, flowId, workspaceId, flowVersion, stepId,
                attempt + 1, body, attributes, trace);
    }

    /** A message this step emits towards {@code targetStep}. */
    public StepMessage child(UUID childId, String targetStep, JsonNode childBody, ObjectNode childAttributes) {
        return new StepMessage(childId, messageId, executionId, flowId, workspaceId, flowVersion, targetStep, 1,
                childBody, childAttributes, trace);
    }

    public boolean isTrigger() {
        return parentMessageId == null;
    }
}
