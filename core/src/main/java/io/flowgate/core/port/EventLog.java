package io.flowgate.core.port;

import io.flowgate.core.event.ChannelAddress;
import io.flowgate.core.event.PlatformEvent;
import io.flowgate.core.event.StoredEvent;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The log of every platform event. Events are appended inside the transaction of the change they tell
 * about; a single sequencer then gives them their cursor in commit order, so a reader that has seen
 * cursor N has seen every event before it.
 */
public interface EventLog {

    /** A read of the log: events after {@code afterCursor}, in the given workspaces, on channels matching any pattern. */
    record Query(long afterCursor, Collection<ChannelAddress> patterns, Collection<UUID> workspaceIds, int limit) {
    }

    void append(PlatformEvent event);

    /** Gives cursors to events appended and committed since the last call; returns how many. */
    int sequence(int limit);

    List<StoredEvent> read(Query query);

    /** The highest cursor given so far, 0 when none. */
    long lastCursor();

    int deleteBefore(Instant before, int limit);
}
