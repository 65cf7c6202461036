package io.flowgate.core.port;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowgate.core.execution.Execution;
import io.flowgate.core.execution.ExecutionStatus;
import io.flowgate.core.execution.StepAttempt;
import io.flowgate.core.execution.StepRun;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface ExecutionRepository {

    /** What an execution list may be narrowed to. Null fields do not narrow. */
    record Filter(List<UUID> workspaceIds, UUID flowId, ExecutionStatus status, Instant from, Instant to) {
    }

    /**
     * The outcome of one attempt at one message, recorded once. {@code input} (the message's body and
     * attributes) is kept with the first attempt only.
     */
    record AttemptRecord(UUID messageId, UUID executionId, String stepId, UUID parentMessageId, JsonNode input,
                         StepAttempt attempt, JsonNode emitted) {
    }

    /** Inserts the execution unless one with its id exists; true when inserted. */
    boolean insertIfAbsent(Execution execution);

    Optional<Execution> find(UUID id);

    /** Reads and locks the execution row for the rest of the transaction. */
    Optional<Execution> lock(UUID id);

    Page.Result<Execution> list(Filter filter, Page page);

    /**
     * Records an attempt. False, and nothing written, when this attempt of this message was recorded
     * before: the message is a redelivery.
     */
    boolean recordAttempt(AttemptRecord record);

    /** What an attempt recorded earlier emitted, for a redelivered message. */
    Optional<JsonNode> emittedBy(UUID messageId, int attempt);

    /** Applies the counters of one processed message and returns the execution as it is now. */
    Execution count(UUID executionId, int pendingDelta, int stepRunsDelta, int failedDelta);

    void setStatus(UUID executionId, ExecutionStatus status, Instant endedAt);

    /** The executions of a flow that are running now. */
    List<Execution> running(UUID flowId);

    List<StepRun> stepRuns(UUID executionId);

    /** The step runs whose last attempt failed for good, oldest first. */
    List<StepRun> failedStepRuns(UUID executionId);

    /** Deletes executions ended before {@code endedBefore}; returns how many. */
    int deleteEndedBefore(Instant endedBefore, int limit);

    /** Forgets stored step inputs of step runs older than {@code before}; returns how many. */
    int dropInputsBefore(Instant before, int limit);
}
