package io.flowgate.core.execution;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One run of a flow for one trigger.
 *
 * @param pending    step messages sent or scheduled and not yet processed; the execution ends when it drops to 0
 * @param stepCount  step runs executed so far, the trigger step included
 * @param failedSteps step runs that failed for good (retries exhausted or a permanent error)
 */
public record Execution(UUID id, UUID flowId, UUID workspaceId, int flowVersion, ExecutionStatus status,
                        UUID requestId, String correlationId, Instant startedAt, Instant endedAt,
                        int stepCount, int pending, int failedSteps) {

    public Long durationMillis() {
        return endedAt == null ? null : Duration.between(startedAt, endedAt).toMillis();
    }

    /** The status the execution ends with once nothing is pending. */
    public ExecutionStatus outcome() {
        return failedSteps > 0 ? ExecutionStatus.FAILED : ExecutionStatus.COMPLETED;
    }
}
