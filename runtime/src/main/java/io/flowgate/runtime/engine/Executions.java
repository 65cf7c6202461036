package io.flowgate.runtime.engine;

import io.flowgate.core.execution.Execution;
import io.flowgate.core.execution.ExecutionStatus;
import io.flowgate.core.port.StoreTx;
import java.time.Instant;

/** Ending an execution: its status and end time, and its end event, in the caller's transaction. */
public final class Executions {

    private Executions() {
    }

    public static Execution end(StoreTx tx, EventFactory events, Execution execution, ExecutionStatus status, Instant endedAt) {
        tx.executions().setStatus(execution.id(), status, endedAt);
        Execution ended = endedAs(execution, status, endedAt);
        tx.events().append(events.ended(ended));
        return ended;
    }

    /** {@code execution} as it is once ended with {@code status} at {@code endedAt}. */
    public static Execution endedAs(Execution execution, ExecutionStatus status, Instant endedAt) {
        return new Execution(execution.id(), execution.flowId(), execution.workspaceId(), execution.flowVersion(),
                status, execution.requestId(), execution.correlationId(), execution.startedAt(), endedAt,
                execution.stepCount(), execution.pending(), execution.failedSteps());
    }
}
