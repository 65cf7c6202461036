package io.flowgate.runtime.delivery;

import io.flowgate.core.event.WorkspaceActivityEvent.ActivityType;
import io.flowgate.core.event.WorkspaceActivityEvent.ResourceType;
import io.flowgate.core.port.DeliveryRepository.Attempted;
import io.flowgate.core.port.DeliveryRepository.Locked;
import io.flowgate.core.port.Store;
import io.flowgate.core.port.StoreTx;
import io.flowgate.core.port.WebhookSender;
import io.flowgate.core.subscription.Delivery;
import io.flowgate.core.subscription.DeliveryAttempt;
import io.flowgate.core.subscription.RetrySchedule;
import io.flowgate.core.subscription.Subscription;
import io.flowgate.runtime.engine.BatchCommit;
import io.flowgate.runtime.engine.EventFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Records the outcomes of attempts: each attempt, its delivery's next state (done, retried later, or failed
 * for good), and the subscription's health; a subscription that has been failing for {@code disableAfter}
 * is disabled, with a WorkspaceActivityEvent saying so. The outcomes of concurrent senders are written
 * together (group commit), with one statement for each kind of row however many there are: one commit,
 * or five statements, per attempt would cap a node at a few hundred deliveries a second.
 */
public final class AttemptLedger implements AutoCloseable {

    /** The outcome of one attempt at a delivery of {@code subscription}, started at {@code startedAt}. */
    private record Outcome(Subscription subscription, UUID deliveryId, WebhookSender.Outcome outcome, Instant startedAt) {
    }

    private final RetrySchedule schedule;
    private final Duration disableAfter;
    private final EventFactory events;
    private final Clock clock;
    private final Consumer<DeliveryAttempt> recorded;
    private final BatchCommit<Outcome, Optional<DeliveryAttempt>> commits;

    /** {@code recorded} hears of every attempt once it is stored (metrics). */
    public AttemptLedger(Store store, RetrySchedule schedule, Duration disableAfter, EventFactory events, Clock clock,
                         Consumer<DeliveryAttempt> recorded) {
        this.schedule = schedule;
        this.disableAfter = disableAfter;
        this.events = events;
        this.clock = clock;
        this.recorded = recorded;
        this.commits = new BatchCommit<>(store, "delivery-attempts", 1, this::write);
    }

    /** Records the outcome and returns once it is stored; nothing is recorded for a delivery no longer stored. */
    public void record(Subscription subscription, UUID deliveryId, WebhookSender.Outcome outcome, Instant startedAt) {
        commits.commit(new Outcome(subscription, deliveryId, outcome, startedAt)).ifPresent(recorded);
    }

    @Override
    public void close() {
        commits.close();
    }

    private List<Optional<DeliveryAttempt>> write(StoreTx tx, List<Outcome> outcomes) {
        Map<UUID, Locked> deliveries = tx.deliveries().lockWithAttempts(outcomes.stream().map(Outcome::deliveryId).toList());
        Instant now = clock.instant();
        List<Optional<DeliveryAttempt>> attempts = new ArrayList<>(outcomes.size());
        List<Attempted> attempted = new ArrayList<>();
        List<Delivery> updated = new ArrayList<>();
        SubscriptionHealth health = new SubscriptionHealth(tx, now);
        for (Outcome outcome : outcomes) {
            Locked locked = deliveries.get(outcome.deliveryId());
            if (locked == null) {
                attempts.add(Optional.empty());
                continue;
            }
            DeliveryAttempt attempt = outcome.outcome().asAttempt(locked.attempts() + 1, outcome.startedAt());
            attempted.add(new Attempted(outcome.deliveryId(), attempt));
            updated.add(attempt.succeeded() ? locked.delivery().succeeded() : locked.delivery().failed(schedule, now));
            health.after(outcome.subscription(), attempt, outcome.startedAt());
            attempts.add(Optional.of(attempt));
        }
        tx.deliveries().recordAttempts(attempted);
        tx.deliveries().updateAll(updated);
        return attempts;
    }

    /**
     * Marks subscriptions healthy after a success and failing after a failure, in the order of the attempts;
     * of several attempts in a row with the same result for one subscription only the first changes
     * anything, so only that one is written.
     */
    private final class SubscriptionHealth {

        private final StoreTx tx;
        private final Instant now;
        private final Map<UUID, Boolean> lastSucceeded = new HashMap<>();

        SubscriptionHealth(StoreTx tx, Instant now) {
            this.tx = tx;
            this.now = now;
        }

        void after(Subscription subscription, DeliveryAttempt attempt, Instant startedAt) {
            Boolean previous = lastSucceeded.put(subscription.id(), attempt.succeeded());
            if (previous != null && previous == attempt.succeeded()) {
                return;
            }
            if (attempt.succeeded()) {
                tx.subscriptions().markHealthy(subscription.id());
                return;
            }
            tx.subscriptions().markFailing(subscription.id(), startedAt);
            if (tx.subscriptions().disableIfFailingSince(subscription.id(), now.minus(disableAfter), now)) {
                tx.events().append(events.activity(subscription.workspaceId(), ActivityType.UPDATED, ResourceType.SUBSCRIPTION,
                        subscription.id(), null));
            }
        }
    }
}
