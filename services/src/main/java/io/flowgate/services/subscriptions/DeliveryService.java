package io.flowgate.services.subscriptions;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.IdGenerator;
import io.flowgate.core.event.StoredEvent;
import io.flowgate.core.port.EventLog;
import io.flowgate.core.port.Page;
import io.flowgate.core.port.Store;
import io.flowgate.core.subscription.Delivery;
import io.flowgate.core.subscription.DeliveryHistory;
import io.flowgate.core.subscription.DeliveryStatus;
import io.flowgate.core.subscription.Subscription;
import io.flowgate.core.workspace.Action;
import io.flowgate.runtime.delivery.DeliveryPlanner;
import io.flowgate.services.auth.Access;
import io.flowgate.services.auth.Caller;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The deliveries of a subscription: listed with their attempts, sent again one by one, or replayed since a time. */
public final class DeliveryService {

    private static final int REPLAY_BATCH = 500;

    private final Store store;
    private final IdGenerator ids;
    private final Clock clock;
    private final Runnable deliveriesDue;

    /** {@code deliveriesDue} tells this node's delivery worker (if it runs one) to look for due deliveries now. */
    public DeliveryService(Store store, IdGenerator ids, Clock clock, Runnable deliveriesDue) {
        this.store = store;
        this.ids = ids;
        this.clock = clock;
        this.deliveriesDue = deliveriesDue;
    }

    public Page.Result<DeliveryHistory> list(Caller caller, UUID workspaceId, UUID subscriptionId, DeliveryStatus status, Page page) {
        return store.read(tx -> {
            Access.require(tx, caller, workspaceId, Action.READ);
            SubscriptionService.find(tx, workspaceId, subscriptionId);
            return tx.deliveries().list(subscriptionId, status, page);
        });
    }

    /** Sends the delivery again now, with the same webhook-id; if that fails, it is retried on the schedule. */
    public DeliveryHistory resend(Caller caller, UUID workspaceId, UUID subscriptionId, UUID deliveryId) {
        DeliveryHistory resent = store.transact(tx -> {
            Access.require(tx, caller, workspaceId, Action.WRITE_SUBSCRIPTIONS);
            SubscriptionService.find(tx, workspaceId, subscriptionId);
            Delivery delivery = tx.deliveries().lock(deliveryId).filter(d -> d.subscriptionId().equals(subscriptionId))
                    .orElseThrow(() -> FlowgateException.notFound("Delivery " + deliveryId + " does not exist"));
            tx.deliveries().update(delivery.resent(clock.instant()));
            return tx.deliveries().history(deliveryId).orElseThrow();
        });
        deliveriesDue.run();
        return resent;
    }

    /**
     * Queues a new delivery of every stored event on the subscription's channels since {@code since} (the
     * events the planner has already planned; later ones reach the subscription anyway); returns how many.
     */
    public int replay(Caller caller, UUID workspaceId, UUID subscriptionId, Instant since) {
        Subscription subscription = store.read(tx -> {
            Access.require(tx, caller, workspaceId, Action.WRITE_SUBSCRIPTIONS);
            return SubscriptionService.find(tx, workspaceId, subscriptionId);
        });
        long upTo = store.read(tx -> tx.watermarks().get(DeliveryPlanner.FOLLOWER));
        long after = store.read(tx -> tx.deliveries().replayStart(since));
        int queued = 0;
        while (after < upTo) {
            List<StoredEvent> events = replayable(subscription, after, upTo);
            if (events.isEmpty()) {
                break;
            }
            queued += queue(subscription, events);
            after = events.getLast().cursor();
        }
        if (queued > 0) {
            deliveriesDue.run();
        }
        return queued;
    }

    private List<StoredEvent> replayable(Subscription subscription, long after, long upTo) {
        return store.read(tx -> tx.events().read(new EventLog.Query(after, subscription.channels(),
                List.of(subscription.workspaceId()), REPLAY_BATCH))).stream().filter(event -> event.cursor() <= upTo).toList();
    }

    private int queue(Subscription subscription, List<StoredEvent> events) {
        Instant now = clock.instant();
        List<Delivery> deliveries = events.stream().map(event -> Delivery.of(ids.next(), subscription.id(), event, now)).toList();
        store.transact(tx -> {
            tx.deliveries().insert(deliveries);
            return null;
        });
        return deliveries.size();
    }
}
