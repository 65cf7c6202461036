package io.flowgate.services;

import io.flowgate.core.event.WorkspaceActivityEvent.ActivityType;
import io.flowgate.core.event.WorkspaceActivityEvent.ResourceType;
import io.flowgate.core.port.StoreTx;
import io.flowgate.runtime.engine.EventFactory;
import io.flowgate.services.auth.Caller;
import java.util.UUID;

/**
 * Writes the WorkspaceActivityEvent of a change in the change's own transaction, so there is no change
 * without its event and no event without its change.
 */
public final class ActivityLog {

    private final EventFactory events;

    public ActivityLog(EventFactory events) {
        this.events = events;
    }

    public void record(StoreTx tx, UUID workspaceId, ResourceType resource, ActivityType activity, UUID resourceId,
                       Caller caller) {
        tx.events().append(events.activity(workspaceId, activity, resource, resourceId, caller.userId()));
    }
}
