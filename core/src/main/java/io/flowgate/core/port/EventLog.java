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
 * about and get their cursor in commit order, so a reader that has seen cursor N has seen every event
 * before it: either as they commit (a store with one writer node may do this) or from a single sequencer
 * after commit.
 */
public interface EventLog {

    /**
     * A read of the log: at most {@code limit} events after {@code afterCursor}, in the given workspaces, on
     * channels matching any of the patterns, in cursor order. A null collection does not narrow the read;
     * an empty one matches nothing.
     */
    record Query(long afterCursor, Collection<ChannelAddress> patterns, Collection<UUID> workspaceIds, int limit) {

        /** Whether the read could find anything at all (an empty collection matches nothing). */
        public boolean selectsSomething() {
            return (patterns == null || !patterns.isEmpty()) && (workspaceIds == null || !workspaceIds.isEmpty());
        }

        /** Whether an event on {@code channel} in {@code workspaceId} is one this read asks for. */
        public boolean accepts(ChannelAddress channel, UUID workspaceId) {
            return (workspaceIds == null || workspaceIds.contains(workspaceId))
                    && (patterns == null || patterns.stream().anyMatch(pattern -> pattern.matches(channel)));
        }
    }

    /**
     * Adds the event to the log as part of this transaction; it is not read until it has a cursor (given at
     * commit, or by {@link #sequence}).
     */
    void append(PlatformEvent event);

    /**
     * Gives cursors to at most {@code limit} events committed without one, in the order they were appended,
     * continuing after {@link #lastCursor()} without gaps; returns how many. Sequencers on several nodes
     * take turns: each call holds the sequencer until its transaction ends.
     */
    int sequence(int limit);

    List<StoredEvent> read(Query query);

    /** The highest cursor given so far, 0 when none; deleting old events does not lower it. */
    long lastCursor();

    /**
     * Deletes at most {@code limit} sequenced events whose {@link PlatformEvent#timestamp()} is before
     * {@code before}, oldest first; returns how many. Events waiting for a cursor are kept.
     */
    int deleteBefore(Instant before, int limit);
}
