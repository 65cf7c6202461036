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

    /**
     * What an execution list may be narrowed to. Null fields do not narrow; an empty {@code workspaceIds}
     * admits nothing. {@code from} (inclusive) and {@code to} (exclusive) bound the start time.
     */
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

    /** One page of the executions the filter admits, newest first, with the total count. */
    Page.Result<Execution> list(Filter filter, Page page);

    /**
     * Records an attempt. False, and nothing written, when this attempt of this message was recorded
     * before: the message is a redelivery.
     */
    boolean recordAttempt(AttemptRecord record);

    /** What an attempt recorded earlier emitted, for a redelivered message. */
    Optional<JsonNode> emittedBy(UUID messageId, int attempt);

    /**
     * Applies the counters of one processed message and returns the execution as it is now; fails with
     * {@code NOT_FOUND} when there is no such execution.
     */
    Execution count(UUID executionId, int pendingDelta, int stepRunsDelta, int failedDelta);

    void setStatus(UUID executionId, ExecutionStatus status, Instant endedAt);

    /** The executions of a flow that are running now. */
    List<Execution> running(UUID flowId);

    /**
     * The step runs of the execution, one per message, in the order their first attempts started; each has its
     * attempts in order, the input of its first attempt, and the status of its last.
     */
    List<StepRun> stepRuns(UUID executionId);

    /** The step runs whose last attempt failed for good, oldest first. */
    List<StepRun> failedStepRuns(UUID executionId);

    /**
     * Deletes at most {@code limit} executions ended before {@code endedBefore}, oldest first, with their step
     * runs; returns how many.
     */
    int deleteEndedBefore(Instant endedBefore, int limit);

    /** Forgets at most {@code limit} stored step inputs of attempts started before {@code before}; returns how many. */
    int dropInputsBefore(Instant before, int limit);
}
