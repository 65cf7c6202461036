package io.flowgate.core.subscription;

import io.flowgate.core.event.ChannelAddress;
import io.flowgate.core.event.StoredEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * One event to send to one subscription. Its {@code eventId} is the message id receivers see
 * ({@code webhook-id}), the same on every attempt. {@code retryStep} counts the failed attempts the retry
 * schedule has answered so far; {@code nextAttemptAt} is set while the delivery is pending.
 */
public record Delivery(UUID id, UUID subscriptionId, UUID eventId, String eventName, ChannelAddress channel,
                       DeliveryStatus status, int retryStep, Instant nextAttemptAt, Instant createdAt) {

    /** The delivery of {@code event} to {@code subscription}, due now. */
    public static Delivery of(UUID id, UUID subscriptionId, StoredEvent event, Instant now) {
        return new Delivery(id, subscriptionId, event.eventId(), event.name(), event.channel(), DeliveryStatus.PENDING, 0,
                now, now);
    }

    public Delivery succeeded() {
        return with(DeliveryStatus.SUCCEEDED, retryStep, null);
    }

    /** After a failed attempt: pending again when the schedule says when, failed for good otherwise. */
    public Delivery failed(RetrySchedule schedule, Instant now) {
        int step = retryStep + 1;
        return schedule.delayAfter(step)
                .map(wait -> with(DeliveryStatus.PENDING, step, now.plus(wait)))
                .orElseGet(() -> with(DeliveryStatus.FAILED, step, null));
    }

    /** Sent again now, whatever happened before; if that fails, the retry schedule starts over. */
    public Delivery resent(Instant now) {
        return with(DeliveryStatus.PENDING, 0, now);
    }

    private Delivery with(DeliveryStatus newStatus, int newStep, Instant next) {
        return new Delivery(id, subscriptionId, eventId, eventName, channel, newStatus, newStep, next, createdAt);
    }
}
