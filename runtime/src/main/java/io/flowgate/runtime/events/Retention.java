package io.flowgate.runtime.events;

import io.flowgate.core.port.Store;
import io.flowgate.core.port.StoreTx;
import io.flowgate.runtime.support.ClusterLease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Forgets what is older than its retention, in small batches (each its own transaction, so no long locks),
 * on one node at a time.
 */
public final class Retention {

    /** Deletes up to {@code limit} records from before {@code before}; returns how many. */
    @FunctionalInterface
    public interface Deleter {
        int delete(StoreTx tx, Instant before, int limit);
    }

    /** One kind of record, kept for {@code keep}. */
    public record Sweep(String what, Duration keep, Deleter deleter) {
    }

    static final int BATCH = 1_000;

    private final Store store;
    private final ClusterLease lease;
    private final Clock clock;
    private final List<Sweep> sweeps;

    public Retention(Store store, ClusterLease lease, Clock clock, List<Sweep> sweeps) {
        this.store = store;
        this.lease = lease;
        this.clock = clock;
        this.sweeps = List.copyOf(sweeps);
    }

    /** The platform's event log and outbound deliveries, each kept for {@code keep}. */
    public static List<Sweep> eventsAndDeliveries(Duration keep) {
        return List.of(new Sweep("events", keep, (tx, before, limit) -> tx.events().deleteBefore(before, limit)),
                new Sweep("deliveries", keep, (tx, before, limit) -> tx.deliveries().deleteCreatedBefore(before, limit)));
    }

    /** Ended executions (with their step runs), stored step inputs and expired idempotency keys. */
    public static List<Sweep> executions(Duration executions, Duration stepInputs, Duration idempotencyKeys) {
        return List.of(
                new Sweep("executions", executions, (tx, before, limit) -> tx.executions().deleteEndedBefore(before, limit)),
                new Sweep("step inputs", stepInputs, (tx, before, limit) -> tx.executions().dropInputsBefore(before, limit)),
                new Sweep("idempotency keys", idempotencyKeys, (tx, before, limit) -> tx.idempotencyKeys().deleteBefore(before, limit)));
    }

    /** The ids of topic messages AMQP clients published, noted so each counts once as published. */
    public static Sweep topicClientMessages(Duration keep) {
        return new Sweep("topic client message ids", keep, (tx, before, limit) -> tx.topics().forgetClientMessagesBefore(before, limit));
    }

    /** Deletes one batch of each kind; returns how many records went (0 = nothing left to delete). */
    public int sweep() {
        if (!lease.held()) {
            return 0;
        }
        Instant now = clock.instant();
        int deleted = 0;
        for (Sweep sweep : sweeps) {
            deleted += store.transact(tx -> sweep.deleter().delete(tx, now.minus(sweep.keep()), BATCH));
        }
        return deleted;
    }
}
