package io.flowgate.runtime.engine;

import io.flowgate.core.port.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Deletes what is kept no longer than configured: ended executions (with their step runs), stored step
 * inputs, and idempotency keys past their window. Works in small batches, so it never holds long locks;
 * one node at a time does it (a lease), though running it twice would do no harm.
 */
public final class RetentionJob {

    /** How long things are kept. */
    public record Periods(Duration executions, Duration stepInputs, Duration idempotencyKeys) {
    }

    private static final int BATCH = 1_000;
    private static final String LEASE = "retention";

    private final Store store;
    private final Clock clock;
    private final Periods periods;
    private final String nodeId;

    public RetentionJob(Store store, Clock clock, Periods periods, String nodeId) {
        this.store = store;
        this.clock = clock;
        this.periods = periods;
        this.nodeId = nodeId;
    }

    /** Deletes one batch of each kind; returns how many rows went (0 when there is nothing left to do). */
    public int runOnce() {
        Instant now = clock.instant();
        boolean mine = store.transact(tx -> tx.leases().tryAcquire(LEASE, nodeId, now, now.plus(Duration.ofMinutes(5))));
        if (!mine) {
            return 0;
        }
        return store.transact(tx -> tx.executions().deleteEndedBefore(now.minus(periods.executions()), BATCH))
                + store.transact(tx -> tx.executions().dropInputsBefore(now.minus(periods.stepInputs()), BATCH))
                + store.transact(tx -> tx.idempotencyKeys().deleteBefore(now.minus(periods.idempotencyKeys()), BATCH));
    }
}
