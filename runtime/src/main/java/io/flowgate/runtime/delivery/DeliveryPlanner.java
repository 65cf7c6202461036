package io.flowgate.runtime.delivery;

import io.flowgate.core.IdGenerator;
import io.flowgate.core.event.StoredEvent;
import io.flowgate.core.port.DeliveryRepository;
import io.flowgate.core.port.EventLog;
import io.flowgate.core.port.Store;
import io.flowgate.core.port.StoreTx;
import io.flowgate.core.subscription.Delivery;
import io.flowgate.core.subscription.Subscription;
import io.flowgate.runtime.support.Cadence;
import io.flowgate.runtime.support.ClusterLease;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Follows the event log and writes one delivery per (event, matching active subscription). The deliveries
 * and the planner's watermark are written in one transaction, so every event is planned exactly once,
 * even across restarts; one node at a time plans (a lease), others stand by. As many deliveries as this
 * node's sender has room for are handed over to it directly (see {@link Handoff}); deliveries to an
 * ordered subscription never are, as only a claim knows which of them is next.
 */
public final class DeliveryPlanner {

    public static final String FOLLOWER = "delivery-planner";
    public static final int BATCH = 500;
    /**
     * When its last run found no active subscription, a run would plan nothing and only move the
     * watermark, and every commit rewrites pages of the database: then it runs at most this often. The
     * first subscription may so wait up to that long for its first deliveries, and get the events of up to
     * that long before it was created.
     */
    private static final Duration IDLE_PACE = Duration.ofSeconds(1);

    private record Planned(int events, List<ClaimedDelivery> handedOver, int unclaimed) {
    }

    private final Store store;
    private final ClusterLease lease;
    private final IdGenerator ids;
    private final Clock clock;
    private final Handoff handoff;
    private final Cadence idleRuns;
    private boolean noneSubscribed;

    public DeliveryPlanner(Store store, ClusterLease lease, IdGenerator ids, Clock clock, Handoff handoff) {
        this.store = store;
        this.lease = lease;
        this.ids = ids;
        this.clock = clock;
        this.handoff = handoff;
        this.idleRuns = new Cadence(clock, IDLE_PACE);
    }

    /** Plans the deliveries of the next events of the log; returns how many events it read. */
    public int plan() {
        if (!lease.held() || (noneSubscribed && !idleRuns.due())) {
            return 0;
        }
        Planned planned = store.transact(this::planNextEvents);
        if (!planned.handedOver().isEmpty()) {
            handoff.accept(planned.handedOver());
        }
        if (planned.unclaimed() > 0) {
            handoff.deliveriesDue();
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
            return new Planned(0, List.of(), 0);
        }
        Set<UUID> subscribed = tx.subscriptions().workspacesWithActive();
        noneSubscribed = subscribed.isEmpty();
        List<StoredEvent> read = subscribed.isEmpty() ? List.of()
                : tx.events().read(new EventLog.Query(after, null, subscribed, BATCH));
        long upTo = read.size() == BATCH && read.getLast().cursor() < head ? read.getLast().cursor() : head;
        List<StoredEvent> events = read.stream().filter(event -> event.cursor() <= upTo).toList();
        Set<UUID> workspaces = events.stream().map(StoredEvent::workspaceId).collect(Collectors.toSet());
        List<Subscription> subscriptions = events.isEmpty() ? List.of() : tx.subscriptions().active(workspaces);
        Instant now = clock.instant();
        List<Delivery> deliveries = deliveriesOf(events, subscriptions, ids, now);
        List<ClaimedDelivery> handedOver = handOver(deliveries, events, subscriptions);
        int unclaimed = insert(tx, deliveries, handedOver, now);
        tx.watermarks().advance(FOLLOWER, upTo);
        return new Planned((int) Math.min(upTo - after, Integer.MAX_VALUE), handedOver, unclaimed);
    }

    /** Stores the handed-over deliveries claimed for this node, the others unclaimed; returns how many are unclaimed. */
    private int insert(StoreTx tx, List<Delivery> deliveries, List<ClaimedDelivery> handedOver, Instant now) {
        List<Delivery> claimed = handedOver.stream().map(ClaimedDelivery::delivery).toList();
        tx.deliveries().insertClaimed(claimed, handoff.nodeId(), handoff.claimUntil(now));
        Set<UUID> claimedIds = claimed.stream().map(Delivery::id).collect(Collectors.toSet());
        List<Delivery> unclaimed = deliveries.stream().filter(d -> !claimedIds.contains(d.id())).toList();
        tx.deliveries().insert(unclaimed);
        return unclaimed.size();
    }

    /** The first deliveries to unordered subscriptions, as many as the sender has room for, with what sending takes. */
    private List<ClaimedDelivery> handOver(List<Delivery> deliveries, List<StoredEvent> events, List<Subscription> subscriptions) {
        int room = deliveries.isEmpty() ? 0 : handoff.room();
        if (room == 0) {
            return List.of();
        }
        Map<UUID, Subscription> unordered = subscriptions.stream().filter(s -> !s.ordered())
                .collect(Collectors.toMap(Subscription::id, s -> s));
        Map<UUID, StoredEvent> eventsById = events.stream().collect(Collectors.toMap(StoredEvent::eventId, e -> e));
        return deliveries.stream().filter(d -> unordered.containsKey(d.subscriptionId())).limit(room)
                .map(d -> new ClaimedDelivery(new DeliveryRepository.Due(d, eventsById.get(d.eventId()).payloadJson()),
                        unordered.get(d.subscriptionId())))
                .toList();
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
