package io.flowgate.services.events;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.event.ChannelAddress;
import io.flowgate.core.event.StoredEvent;
import io.flowgate.core.port.EventLog;
import io.flowgate.core.port.Store;
import io.flowgate.services.auth.Access;
import io.flowgate.services.auth.Caller;
import java.util.List;
import java.util.UUID;

/** Event history and live streams, each limited to the workspaces of the caller. */
public final class EventService {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1_000;

    private final Store store;
    private final EventHub hub;

    public EventService(Store store, EventHub hub) {
        this.store = store;
        this.hub = hub;
    }

    /** Events after {@code afterCursor} on channels matching any of {@code patterns}, in order. */
    public List<StoredEvent> history(Caller caller, List<ChannelAddress> patterns, long afterCursor, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw FlowgateException.invalid("limit must be between 1 and " + MAX_LIMIT);
        }
        if (afterCursor < 0) {
            throw FlowgateException.invalid("after must be a cursor (0 or more)");
        }
        return store.read(tx -> tx.events().read(new EventLog.Query(afterCursor, patterns, Access.readableWorkspaces(tx, caller), limit)));
    }

    /**
     * Opens a live stream from {@code afterCursor}: first what the log holds after it, then new events as
     * they come, with nothing missed and nothing repeated.
     */
    public EventStream stream(Caller caller, List<ChannelAddress> patterns, long afterCursor) {
        List<UUID> workspaces = store.read(tx -> Access.readableWorkspaces(tx, caller));
        return hub.open(patterns, workspaces, afterCursor);
    }
}
