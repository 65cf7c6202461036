package io.flowgate.core.port;

import io.flowgate.core.subscription.Subscription;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Event subscriptions (outbound webhooks). */
public interface SubscriptionRepository {

    void insert(Subscription subscription);

    void update(Subscription subscription);

    void delete(UUID id);

    Optional<Subscription> find(UUID id);

    Page.Result<Subscription> list(UUID workspaceId, Page page);

    /** The active subscriptions of these workspaces, oldest first. */
    List<Subscription> active(Collection<UUID> workspaceIds);

    /** The workspaces that have at least one active subscription. */
    Set<UUID> workspacesWithActive();

    /** Notes a failed attempt: the failure window starts at {@code at} unless it is already open. */
    void markFailing(UUID id, Instant at);

    /** Notes a successful attempt: the failure window closes. */
    void markHealthy(UUID id);

    /**
     * Disables the subscription if it is active and has been failing since {@code failingBefore} or
     * earlier; true when this call disabled it.
     */
    boolean disableIfFailingSince(UUID id, Instant failingBefore, Instant at);
}
