package io.flowgate.core.port;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Durable timers: a retry or a delay that must happen later, even after a restart. */
public interface Timers {

    record Timer(UUID id, Instant dueAt, String kind, byte[] payload) {
    }

    void schedule(Timer timer);

    /**
     * Claims up to {@code limit} timers due at {@code now} ({@code dueAt <= now}), earliest first, for this node
     * until {@code claimUntil}; another node does not get them until that claim has expired (its time is before
     * the other node's {@code now}) or the timer is deleted. It never waits for another node's claim that is
     * still in progress, and may then return fewer timers than are due.
     */
    List<Timer> claimDue(Instant now, int limit, String nodeId, Instant claimUntil);

    /** Forgets the timer: it has fired. */
    void delete(UUID id);
}
