package io.flowgate.runtime.engine;

import io.flowgate.core.IdGenerator;
import io.flowgate.core.Timestamps;
import io.flowgate.core.event.FlowErrorEvent;
import io.flowgate.core.event.FlowExecutionEvent;
import io.flowgate.core.event.WorkspaceActivityEvent;
import io.flowgate.core.execution.Execution;
import io.flowgate.core.execution.StepError;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Builds the platform's events with fresh ids and the platform clock. */
public final class EventFactory {

    private final IdGenerator ids;
    private final Clock clock;

    public EventFactory(IdGenerator ids, Clock clock) {
        this.ids = ids;
        this.clock = clock;
    }

    public FlowExecutionEvent started(Execution execution) {
        return new FlowExecutionEvent(ids.next(), execution.workspaceId(), execution.id(), execution.flowId(),
                FlowExecutionEvent.Status.STARTED, execution.startedAt(), null, null);
    }

    /** The end event; {@code execution} carries its final counters and end time. */
    public FlowExecutionEvent ended(Execution execution) {
        return new FlowExecutionEvent(ids.next(), execution.workspaceId(), execution.id(), execution.flowId(),
                FlowExecutionEvent.Status.endOf(execution.status()), execution.endedAt(), execution.durationMillis(), execution.stepCount());
    }

    public FlowErrorEvent stepFailed(Execution execution, String stepId, StepError error, boolean retryable, int attempt) {
        return new FlowErrorEvent(ids.next(), execution.workspaceId(), execution.id(), execution.flowId(), stepId, error,
                now(), retryable, attempt);
    }

    public WorkspaceActivityEvent activity(UUID workspaceId, WorkspaceActivityEvent.ActivityType type,
                                           WorkspaceActivityEvent.ResourceType resource, UUID resourceId, UUID userId) {
        return new WorkspaceActivityEvent(ids.next(), workspaceId, type, resource, now(), resourceId, userId);
    }

    private Instant now() {
        return Timestamps.millis(clock.instant());
    }
}
