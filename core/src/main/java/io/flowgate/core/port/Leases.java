package io.flowgate.core.port;

import java.time.Instant;

/** Time-bound leases, so that cluster-wide singletons (the event sequencer, schedules) run on one node at a time. */
public interface Leases {

    /**
     * Takes or renews the lease {@code name} for {@code holder} until {@code until}; false when another holder's
     * lease has not expired at {@code now} (its {@code until} is not before {@code now}).
     */
    boolean tryAcquire(String name, String holder, Instant now, Instant until);

    /** Gives the lease up, if {@code holder} holds it; a release by anyone else changes nothing. */
    void release(String name, String holder);
}
