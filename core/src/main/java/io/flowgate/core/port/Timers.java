package io.flowgate.core.port;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Durable timers: a retry or a delay that must happen later, even after a restart. */
public interface Timers {

    record Timer(UUID id, Instant dueAt, String kind, byte[] payload) {
    }

    void schedule(Timer timer);

    /** Claims up to {@code limit} due timers for this node; another node does not get them while claimed. */
    List<Timer> claimDue(Instant now, int limit, String nodeId, Instant claimUntil);

    void delete(UUID id);
}
