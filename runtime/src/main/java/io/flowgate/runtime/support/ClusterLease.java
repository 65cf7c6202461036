package io.flowgate.runtime.support;

import io.flowgate.core.port.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The lease of a cluster-wide singleton job (delivery planner, AMQP relay, retention), kept in the
 * database: one node at a time holds it, renews it every third of its time, and another node takes it over
 * once it has run out. Used by the one thread that runs the job.
 */
public final class ClusterLease {

    private final Store store;
    private final String name;
    private final String holder;
    private final Clock clock;
    private final Duration ttl;
    private boolean held;
    private Instant nextCheck = Instant.MIN;

    public ClusterLease(Store store, String name, String holder, Clock clock, Duration ttl) {
        this.store = store;
        this.name = name;
        this.holder = holder;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** True while this node holds the lease; takes or renews it when due. */
    public boolean held() {
        Instant now = clock.instant();
        if (now.isBefore(nextCheck)) {
            return held;
        }
        held = store.transact(tx -> tx.leases().tryAcquire(name, holder, now, now.plus(ttl)));
        nextCheck = now.plus(ttl.dividedBy(3));
        return held;
    }

    /** Gives the lease up (on shutdown), so another node takes over at once. */
    public void release() {
        if (held) {
            held = false;
            store.transact(tx -> {
                tx.leases().release(name, holder);
                return null;
            });
        }
    }
}
