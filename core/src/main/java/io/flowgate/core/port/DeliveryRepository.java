package io.flowgate.core.port;

import io.flowgate.core.subscription.Delivery;
import io.flowgate.core.subscription.DeliveryAttempt;
import io.flowgate.core.subscription.DeliveryHistory;
import io.flowgate.core.subscription.DeliveryStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Deliveries of events to subscriptions, and every attempt at them. */
public interface DeliveryRepository {

    /**
     * A claimed delivery with the payload to send, the event's JSON text as the event log holds it;
     * {@code payloadJson} is null when the event is no longer stored.
     */
    record Due(Delivery delivery, String payloadJson) {
    }

    /** Stores new deliveries; each is listed after those stored before it. */
    void insert(List<Delivery> deliveries);

    /**
     * Stores new deliveries already claimed by {@code nodeId} until {@code claimUntil}: the node sends them
     * without claiming them (if it dies first, the claim runs out and they are claimable again).
     */
    void insertClaimed(List<Delivery> deliveries, String nodeId, Instant claimUntil);

    /**
     * Claims up to {@code limit} pending deliveries that are due, of active subscriptions, until
     * {@code claimUntil}; other nodes do not get them meanwhile. Of an ordered subscription only the
     * oldest pending delivery is ever claimable.
     */
    List<Due> claimDue(Instant now, int limit, String nodeId, Instant claimUntil);

    /** A delivery read and locked for the rest of the transaction, with how many attempts it has had. */
    record Locked(Delivery delivery, int attempts) {
    }

    /** An attempt at a delivery. */
    record Attempted(UUID deliveryId, DeliveryAttempt attempt) {
    }

    /** Reads and locks the delivery for the rest of the transaction. */
    Optional<Delivery> lock(UUID id);

    /**
     * Reads and locks the deliveries for the rest of the transaction, each with its count of attempts, in one
     * statement; those no longer stored are missing from the answer.
     */
    Map<UUID, Locked> lockWithAttempts(List<UUID> ids);

    Optional<Delivery> find(UUID id);

    /** Stores the delivery's new state and lets go of its claim. */
    default void update(Delivery delivery) {
        updateAll(List.of(delivery));
    }

    /** Stores the deliveries' new states and lets go of their claims, in one batch. */
    void updateAll(List<Delivery> deliveries);

    /** Stores the attempts in one batch. */
    void recordAttempts(List<Attempted> attempts);

    /** The deliveries of a subscription, newest first, each with its latest attempts; {@code status} null for all. */
    Page.Result<DeliveryHistory> list(UUID subscriptionId, DeliveryStatus status, Page page);

    Optional<DeliveryHistory> history(UUID deliveryId);

    /**
     * Where a replay of the events since {@code since} starts: the cursor just before the first event stored
     * at or after that time (the last cursor when there is none).
     */
    long replayStart(Instant since);

    /** Deletes up to {@code limit} deliveries (with their attempts) created before {@code before}; returns how many. */
    int deleteCreatedBefore(Instant before, int limit);
}
