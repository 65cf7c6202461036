package io.flowgate.runtime.delivery;

import io.flowgate.core.IdGenerator;
import io.flowgate.core.event.StoredEvent;
import io.flowgate.core.port.EventLog;
import io.flowgate.core.port.Store;
import io.flowgate.core.port.StoreTx;
import io.flowgate.core.subscription.Delivery;
import io.flowgate.core.subscription.Subscription;
import io.flowgate.runtime.support.ClusterLease;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Follows the event log and writes one delivery per (event, matching active subscription). The deliveries
 * and the planner's watermark are written in one transaction, so every event is planned exactly once,
 * even across restarts; one node at a time plans (a lease), others stand by.
 */
public final class DeliveryPlanner {

    public static final String FOLLOWER = "delivery-planner";
    private static final int BATCH = 500;

    private record Planned(int events, int deliveries) {
    }

    private final Store store;
    private final ClusterLease lease;
    private final IdGenerator ids;
    private final Clock clock;
    private final Runnable onPlanned;

    public DeliveryPlanner(Store store, ClusterLease lease, IdGenerator ids, Clock clock, Runnable onPlanned) {
        this.store = store;
        this.lease = lease;
        this.ids = ids;
        this.clock = clock;
        this.onPlanned = onPlanned;
    }

    /** Plans the deliveries of the next events of the log; returns how many events it read. */
    public int plan() {
        if (!lease.held()) {
            return 0;
        }
        Planned planned = store.transact(this::planNextEvents);
        if (planned.deliveries() > 0) {
            onPlanned.run();
        }
        return planned.events();
    }

    /**
     * Plans the events after the watermark, up to the log's head as it was before the subscriptions were
     * read; only the events of workspaces with an active subscription are read at all, so a platform with
     * few subscriptions passes over the rest of the log without reading it.
     */
    private Planned planNextEvents(StoreTx tx) {
        long after = tx.watermarks().lock(FOLLOWER);
        long head = tx.events().lastCursor();
        if (head <= after) {
            return new Planned(0, 0);
        }
        Set<UUID> subscribed = tx.subscriptions().workspacesWithActive();
        List<StoredEvent> read = subscribed.isEmpty() ? List.of()
                : tx.events().read(new EventLog.Query(after, null, subscribed, BATCH));
        long upTo = read.size() == BATCH && read.getLast().cursor() < head ? read.getLast().cursor() : head;
        List<StoredEvent> events = read.stream().filter(event -> event.cursor() <= upTo).toList();
        Set<UUID> workspaces = events.stream().map(StoredEvent::workspaceId).collect(Collectors.toSet());
        List<Delivery> deliveries = events.isEmpty() ? List.of()
                : deliveriesOf(events, tx.subscriptions().active(workspaces), ids, clock.instant());
        tx.deliveries().insert(deliveries);
        tx.watermarks().advance(FOLLOWER, upTo);
        return new Planned((int) Math.min(upTo - after, Integer.MAX_VALUE), deliveries.size());
    }

    /** The deliveries of {@code events} to the subscriptions that want them, in event order. */
    static List<Delivery> deliveriesOf(List<StoredEvent> events, List<Subscription> subscriptions, IdGenerator ids, Instant now) {
        List<Delivery> deliveries = new ArrayList<>();
        for (StoredEvent event : events) {
            for (Subscription subscription : subscriptions) {
                if (subscription.wants(event)) {
                    deliveries.add(Delivery.of(ids.next(), subscription.id(), event, now));
                }
            }
        }
        return deliveries;
    }
}
