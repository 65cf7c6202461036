package io.flowgate.services.subscriptions;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.IdGenerator;
import io.flowgate.core.event.WorkspaceActivityEvent.ActivityType;
import io.flowgate.core.event.WorkspaceActivityEvent.ResourceType;
import io.flowgate.core.port.Page;
import io.flowgate.core.port.Store;
import io.flowgate.core.port.StoreTx;
import io.flowgate.core.port.TargetGuard;
import io.flowgate.core.subscription.Subscription;
import io.flowgate.core.subscription.SubscriptionStatus;
import io.flowgate.core.subscription.TargetUrl;
import io.flowgate.core.subscription.WebhookSecret;
import io.flowgate.core.workspace.Action;
import io.flowgate.runtime.engine.EventFactory;
import io.flowgate.services.auth.Access;
import io.flowgate.services.auth.Caller;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Event subscriptions (outbound webhooks) of a workspace: integrators and up change them, guests read them.
 * Every change is written with its WorkspaceActivityEvent ({@code resourceType: subscription}). Target URLs
 * pass the {@link TargetGuard} (no private addresses unless allowed).
 */
public final class SubscriptionService {

    /** A subscription with its secret, which only the answers to create and rotate show. */
    public record WithSecret(Subscription subscription, WebhookSecret secret) {
    }

    private final Store store;
    private final TargetGuard guard;
    private final EventFactory events;
    private final IdGenerator ids;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public SubscriptionService(Store store, TargetGuard guard, EventFactory events, IdGenerator ids, Clock clock) {
        this.store = store;
        this.guard = guard;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
    }

    public WithSecret create(Caller caller, UUID workspaceId, SubscriptionDraft draft) {
        requireWriter(caller, workspaceId);
        URI url = checkedUrl(draft.url());
        boolean ordered = Boolean.TRUE.equals(draft.ordered());
        SubscriptionStatus status = draft.status() == null ? SubscriptionStatus.ACTIVE : SubscriptionStatus.fromWire(draft.status());
        WebhookSecret secret = WebhookSecret.generate(random);
        return store.transact(tx -> {
            Access.require(tx, caller, workspaceId, Action.WRITE_SUBSCRIPTIONS);
            Instant now = clock.instant();
            Subscription created = Subscription.create(ids.next(), workspaceId, url,
                    ChannelScope.check(tx, workspaceId, draft.channels()), ordered, secret, now);
            Subscription subscription = status == SubscriptionStatus.DISABLED ? created.disabled(now) : created;
            tx.subscriptions().insert(subscription);
            activity(tx, subscription, ActivityType.CREATED, caller);
            return new WithSecret(subscription, secret);
        });
    }

    public Page.Result<Subscription> list(Caller caller, UUID workspaceId, Page page) {
        return store.read(tx -> {
            Access.require(tx, caller, workspaceId, Action.READ);
            return tx.subscriptions().list(workspaceId, page);
        });
    }

    public Subscription get(Caller caller, UUID workspaceId, UUID id) {
        return store.read(tx -> {
            Access.require(tx, caller, workspaceId, Action.READ);
            return find(tx, workspaceId, id);
        });
    }

    public Subscription update(Caller caller, UUID workspaceId, UUID id, SubscriptionDraft draft) {
        if (draft.isEmpty()) {
            throw FlowgateException.invalid("Nothing to change: give url, channels, ordered or status");
        }
        requireWriter(caller, workspaceId);
        URI url = draft.url() == null ? null : checkedUrl(draft.url());
        SubscriptionStatus status = draft.status() == null ? null : SubscriptionStatus.fromWire(draft.status());
        return store.transact(tx -> {
            Access.require(tx, caller, workspaceId, Action.WRITE_SUBSCRIPTIONS);
            Subscription current = find(tx, workspaceId, id);
            Instant now = clock.instant();
            Subscription changed = current.withTarget(url == null ? current.url() : url,
                    draft.channels() == null ? current.channels() : ChannelScope.check(tx, workspaceId, draft.channels()),
                    draft.ordered() == null ? current.ordered() : draft.ordered(), now);
            changed = status == null ? changed
                    : status == SubscriptionStatus.ACTIVE ? changed.activated(now) : changed.disabled(now);
            tx.subscriptions().update(changed);
            activity(tx, changed, ActivityType.UPDATED, caller);
            return changed;
        });
    }

    public void delete(Caller caller, UUID workspaceId, UUID id) {
        store.transact(tx -> {
            Access.require(tx, caller, workspaceId, Action.WRITE_SUBSCRIPTIONS);
            Subscription subscription = find(tx, workspaceId, id);
            tx.subscriptions().delete(id);
            activity(tx, subscription, ActivityType.DELETED, caller);
            return null;
        });
    }

    /** A new secret; the one it replaces keeps signing (as a second signature) for 24 hours. */
    public WithSecret rotateSecret(Caller caller, UUID workspaceId, UUID id) {
        WebhookSecret secret = WebhookSecret.generate(random);
        return store.transact(tx -> {
            Access.require(tx, caller, workspaceId, Action.WRITE_SUBSCRIPTIONS);
            Subscription rotated = find(tx, workspaceId, id).rotated(secret, clock.instant());
            tx.subscriptions().update(rotated);
            activity(tx, rotated, ActivityType.UPDATED, caller);
            return new WithSecret(rotated, secret);
        });
    }

    /** The subscription, from a transaction that has checked the caller's access to its workspace. */
    static Subscription find(StoreTx tx, UUID workspaceId, UUID id) {
        return tx.subscriptions().find(id).filter(s -> s.workspaceId().equals(workspaceId))
                .orElseThrow(() -> FlowgateException.notFound("Subscription " + id + " does not exist"));
    }

    private void requireWriter(Caller caller, UUID workspaceId) {
        store.read(tx -> Access.require(tx, caller, workspaceId, Action.WRITE_SUBSCRIPTIONS));
    }

    private URI checkedUrl(String text) {
        URI url = TargetUrl.parse(text);
        guard.check(url);
        return url;
    }

    private void activity(StoreTx tx, Subscription subscription, ActivityType type, Caller caller) {
        tx.events().append(events.activity(subscription.workspaceId(), type, ResourceType.SUBSCRIPTION, subscription.id(),
                caller.userId()));
    }
}
