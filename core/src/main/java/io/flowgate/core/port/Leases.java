package io.flowgate.core.port;

import java.time.Instant;

/** Time-bound leases, so that cluster-wide singletons (the event sequencer, schedules) run on one node at a time. */
public interface Leases {

    /** Takes or renews the lease {@code name} for {@code holder} until {@code until}; false when another holds it. */
    boolean tryAcquire(String name, String holder, Instant now, Instant until);

    void release(String name, String holder);
}
