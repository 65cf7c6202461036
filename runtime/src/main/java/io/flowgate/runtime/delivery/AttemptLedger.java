package io.flowgate.runtime.delivery;

import io.flowgate.core.event.WorkspaceActivityEvent.ActivityType;
import io.flowgate.core.event.WorkspaceActivityEvent.ResourceType;
import io.flowgate.core.port.Store;
import io.flowgate.core.port.StoreTx;
import io.flowgate.core.port.WebhookSender;
import io.flowgate.core.subscription.Delivery;
import io.flowgate.core.subscription.DeliveryAttempt;
import io.flowgate.core.subscription.RetrySchedule;
import io.flowgate.core.subscription.Subscription;
import io.flowgate.runtime.engine.EventFactory;
import io.flowgate.runtime.engine.GroupCommit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Records the outcome of one attempt, in one transaction: the attempt, the delivery's next state (done,
 * retried later, or failed for good), and the subscription's health; a subscription that has been failing
 * for {@code disableAfter} is disabled, with a WorkspaceActivityEvent saying so. The attempts of
 * concurrent senders share transactions (group commit): one commit per attempt would cap a node at a few
 * hundred deliveries a second on the embedded database.
 */
public final class AttemptLedger implements AutoCloseable {

    private final RetrySchedule schedule;
    private final Duration disableAfter;
    private final EventFactory events;
    private final Clock clock;
    private final Consumer<DeliveryAttempt> recorded;
    private final GroupCommit<Optional<DeliveryAttempt>> commits;

    /** {@code recorded} hears of every attempt once it is stored (metrics). */
    public AttemptLedger(Store store, RetrySchedule schedule, Duration disableAfter, EventFactory events, Clock clock,
                         Consumer<DeliveryAttempt> recorded) {
        this.schedule = schedule;
        this.disableAfter = disableAfter;
        this.events = events;
        this.clock = clock;
        this.recorded = recorded;
        this.commits = new GroupCommit<>(store, "delivery-attempts", 1);
    }

    public void record(Subscription subscription, UUID deliveryId, WebhookSender.Outcome outcome, Instant startedAt) {
        commits.commit(tx -> tx.deliveries().lock(deliveryId).map(delivery -> record(tx, subscription, delivery, outcome, startedAt)))
                .ifPresent(recorded);
    }

    @Override
    public void close() {
        commits.close();
    }

    private DeliveryAttempt record(StoreTx tx, Subscription subscription, Delivery delivery, WebhookSender.Outcome outcome,
                                   Instant startedAt) {
        DeliveryAttempt attempt = outcome.asAttempt(tx.deliveries().attemptCount(delivery.id()) + 1, startedAt);
        tx.deliveries().recordAttempt(delivery.id(), attempt);
        Instant now = clock.instant();
        if (attempt.succeeded()) {
            tx.deliveries().update(delivery.succeeded());
            tx.subscriptions().markHealthy(subscription.id());
            return attempt;
        }
        tx.deliveries().update(delivery.failed(schedule, now));
        tx.subscriptions().markFailing(subscription.id(), startedAt);
        if (tx.subscriptions().disableIfFailingSince(subscription.id(), now.minus(disableAfter), now)) {
            tx.events().append(events.activity(subscription.workspaceId(), ActivityType.UPDATED, ResourceType.SUBSCRIPTION,
                    subscription.id(), null));
        }
        return attempt;
    }
}
