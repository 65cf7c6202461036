package io.flowgate.core.execution;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One step of an execution applied to one message: its input, how many messages it emitted, and every
 * attempt. Keyed by the message id, which is what makes redelivered messages harmless.
 */
public record StepRun(UUID messageId, UUID executionId, String stepId, UUID parentMessageId, StepRunStatus status,
                      JsonNode input, int emitted, List<StepAttempt> attempts, Instant startedAt, Instant endedAt) {

    public StepRun {
        attempts = List.copyOf(attempts);
    }
}
