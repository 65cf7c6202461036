package io.flowgate.core.subscription;

import io.flowgate.core.event.ChannelAddress;
import io.flowgate.core.event.StoredEvent;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An outbound webhook: events of the workspace on matching channels are POSTed to {@code url}, signed
 * with its secrets. {@code failingSince} is the first failed attempt since the last success (null while
 * healthy); a subscription failing for too long is disabled.
 */
public record Subscription(UUID id, UUID workspaceId, URI url, List<ChannelAddress> channels, boolean ordered,
                           SubscriptionStatus status, SigningSecrets secrets, Instant failingSince, Instant disabledAt,
                           Instant createdAt, Instant updatedAt) {

    public Subscription {
        channels = List.copyOf(channels);
    }

    /** A new active subscription. */
    public static Subscription create(UUID id, UUID workspaceId, URI url, List<ChannelAddress> channels, boolean ordered,
                                      WebhookSecret secret, Instant now) {
        return new Subscription(id, workspaceId, url, channels, ordered, SubscriptionStatus.ACTIVE, SigningSecrets.of(secret),
                null, null, now, now);
    }

    /** True when the event is one this subscription delivers now. */
    public boolean wants(StoredEvent event) {
        return status == SubscriptionStatus.ACTIVE && workspaceId.equals(event.workspaceId())
                && channels.stream().anyMatch(pattern -> pattern.matches(event.channel()));
    }

    /** True when it has failed without a success for at least {@code window} at {@code now}. */
    public boolean failingFor(Duration window, Instant now) {
        return failingSince != null && !failingSince.plus(window).isAfter(now);
    }

    public Subscription withTarget(URI newUrl, List<ChannelAddress> newChannels, boolean newOrdered, Instant now) {
        return new Subscription(id, workspaceId, newUrl, newChannels, newOrdered, status, secrets, failingSince, disabledAt,
                createdAt, now);
    }

    /** Active again, with a clean record: deliveries resume, and the failure window starts over. */
    public Subscription activated(Instant now) {
        if (status == SubscriptionStatus.ACTIVE) {
            return this;
        }
        return new Subscription(id, workspaceId, url, channels, ordered, SubscriptionStatus.ACTIVE, secrets, null, null,
                createdAt, now);
    }

    public Subscription disabled(Instant now) {
        if (status == SubscriptionStatus.DISABLED) {
            return this;
        }
        return new Subscription(id, workspaceId, url, channels, ordered, SubscriptionStatus.DISABLED, secrets, failingSince,
                now, createdAt, now);
    }

    public Subscription rotated(WebhookSecret next, Instant now) {
        return new Subscription(id, workspaceId, url, channels, ordered, status, secrets.rotate(next, now), failingSince,
                disabledAt, createdAt, now);
    }
}
