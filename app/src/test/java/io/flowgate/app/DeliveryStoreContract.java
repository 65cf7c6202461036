package io.flowgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.Ids;
import io.flowgate.core.Json;
import io.flowgate.core.event.ChannelAddress;
import io.flowgate.core.event.FlowErrorEvent;
import io.flowgate.core.event.StoredEvent;
import io.flowgate.core.execution.StepError;
import io.flowgate.core.port.DeliveryRepository;
import io.flowgate.core.port.EventLog;
import io.flowgate.core.port.Page;
import io.flowgate.core.port.TargetGuard;
import io.flowgate.core.subscription.Delivery;
import io.flowgate.core.subscription.DeliveryAttempt;
import io.flowgate.core.subscription.DeliveryStatus;
import io.flowgate.core.subscription.Subscription;
import io.flowgate.core.subscription.WebhookSecret;
import io.flowgate.core.workspace.Member;
import io.flowgate.core.workspace.Role;
import io.flowgate.core.workspace.User;
import io.flowgate.core.workspace.Workspace;
import io.flowgate.runtime.delivery.ClaimedDelivery;
import io.flowgate.runtime.delivery.DeliveryPlanner;
import io.flowgate.runtime.delivery.Handoff;
import io.flowgate.runtime.engine.EventFactory;
import io.flowgate.runtime.events.Retention;
import io.flowgate.runtime.support.ClusterLease;
import io.flowgate.services.auth.Caller;
import io.flowgate.services.subscriptions.SubscriptionDraft;
import io.flowgate.services.subscriptions.SubscriptionService;
import io.flowgate.store.jdbc.JdbcStore;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What event delivery needs from the database, through the ports: claims (ordered subscriptions, disabled
 * ones, claims that run out), exactly-once planning, deliveries handed over to the sender already claimed,
 * retention in batches, and who may change subscriptions. Written once, run on embedded H2 and on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DeliveryStoreContract {

    private final Clock clock = Clock.systemUTC();
    private final Ids ids = new Ids(clock);
    private JdbcStore store;
    private UUID workspace;
    private UUID flow;

    protected abstract JdbcStore openStore();

    protected abstract void closeStore();

    @BeforeAll
    void open() {
        store = openStore();
    }

    @AfterAll
    void close() {
        store.close();
        closeStore();
    }

    @BeforeEach
    void freshWorkspace() {
        workspace = ids.next();
        flow = ids.next();
        Instant now = clock.instant();
        store.transact(tx -> {
            tx.workspaces().insert(new Workspace(workspace, "delivery", now, now));
            return null;
        });
    }

    @Test
    void ofAnOrderedSubscriptionOnlyTheOldestPendingDeliveryIsClaimable() {
        Subscription ordered = subscription(true);
        List<Delivery> deliveries = deliver(ordered, 3);
        Instant now = clock.instant();

        List<DeliveryRepository.Due> first = claim(now);
        assertThat(first).extracting(d -> d.delivery().id()).containsExactly(deliveries.get(0).id());
        assertThat(first.getFirst().payloadJson()).isNotNull();
        assertThat(claim(now)).as("claimed, and the others wait").isEmpty();

        finish(deliveries.get(0).succeeded());
        assertThat(claim(now)).extracting(d -> d.delivery().id()).containsExactly(deliveries.get(1).id());
        finish(Delivery.of(deliveries.get(1).id(), ordered.id(), event(), now).failed(f -> java.util.Optional.empty(), now));
        assertThat(claim(now)).extracting(d -> d.delivery().id()).containsExactly(deliveries.get(2).id());
    }

    @Test
    void unorderedDeliveriesAreAllClaimableOnceAndAgainWhenTheClaimRunsOut() {
        Subscription unordered = subscription(false);
        List<Delivery> deliveries = deliver(unordered, 3);
        Instant now = clock.instant();

        assertThat(claim(now)).extracting(d -> d.delivery().id()).containsExactlyInAnyOrderElementsOf(
                deliveries.stream().map(Delivery::id).toList());
        assertThat(claim(now)).isEmpty();
        assertThat(claim(now.plus(Duration.ofMinutes(2)))).as("the claims ran out").hasSize(3);
    }

    @Test
    void deliveriesOfADisabledSubscriptionWait() {
        Subscription subscription = subscription(false);
        deliver(subscription, 2);
        store.transact(tx -> {
            tx.subscriptions().update(subscription.disabled(clock.instant()));
            return null;
        });

        assertThat(claim(clock.instant())).isEmpty();
    }

    @Test
    void deliveriesAreLockedWithTheirAttemptCountsAndThoseNotStoredAreLeftOut() {
        Subscription subscription = subscription(false);
        List<Delivery> deliveries = deliver(subscription, 2);
        UUID tried = deliveries.get(0).id();
        UUID untried = deliveries.get(1).id();
        UUID unknown = ids.next();
        Instant now = clock.instant();
        store.transact(tx -> {
            tx.deliveries().recordAttempts(List.of(new DeliveryRepository.Attempted(tried, new DeliveryAttempt(1, now, 500, 12, "no", null)),
                    new DeliveryRepository.Attempted(tried, new DeliveryAttempt(2, now, 503, 9, "later", null))));
            return null;
        });

        Map<UUID, DeliveryRepository.Locked> locked = store.transact(tx -> tx.deliveries().lockWithAttempts(List.of(unknown, untried, tried)));

        assertThat(locked).containsOnlyKeys(tried, untried);
        assertThat(locked.get(tried).attempts()).isEqualTo(2);
        assertThat(locked.get(untried).attempts()).isZero();
        assertThat(locked.get(tried).delivery().status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(locked.get(untried).delivery().subscriptionId()).isEqualTo(subscription.id());
    }

    @Test
    void attemptsAreListedNewestDeliveryFirstAndAFailingSubscriptionIsDisabledOnce() {
        Subscription subscription = subscription(false);
        List<Delivery> deliveries = deliver(subscription, 2);
        Instant now = clock.instant();
        store.transact(tx -> {
            tx.deliveries().recordAttempts(List.of(
                    new DeliveryRepository.Attempted(deliveries.get(0).id(), new DeliveryAttempt(1, now, 500, 12, "no", null)),
                    new DeliveryRepository.Attempted(deliveries.get(0).id(), new DeliveryAttempt(2, now, null, 15_000, null, "timeout"))));
            tx.subscriptions().markFailing(subscription.id(), now.minus(Duration.ofDays(6)));
            tx.subscriptions().markFailing(subscription.id(), now);
            return null;
        });

        var page = store.read(tx -> tx.deliveries().list(subscription.id(), null, Page.first()));
        assertThat(page.total()).isEqualTo(2);
        assertThat(page.items()).extracting(h -> h.delivery().id()).containsExactly(deliveries.get(1).id(), deliveries.get(0).id());
        assertThat(page.items().get(1).attempts()).extracting(DeliveryAttempt::statusCode).containsExactly(500, null);
        assertThat(page.items().get(1).attemptCount()).isEqualTo(2);
        assertThat(store.read(tx -> tx.deliveries().list(subscription.id(), DeliveryStatus.SUCCEEDED, Page.first())).total()).isZero();
        assertThat(store.read(tx -> tx.subscriptions().find(subscription.id())).orElseThrow().failingSince())
                .as("the window keeps its start").isBefore(now.minus(Duration.ofDays(5)));
        boolean disabled = store.transact(tx -> tx.subscriptions().disableIfFailingSince(subscription.id(), now.minus(Duration.ofDays(5)), now));
        boolean disabledAgain = store.transact(tx -> tx.subscriptions().disableIfFailingSince(subscription.id(), now.minus(Duration.ofDays(5)), now));
        assertThat(disabled).isTrue();
        assertThat(disabledAgain).isFalse();
    }

    @Test
    void thePlannerPlansEveryEventOnceAcrossRuns() {
        Subscription subscription = subscription(false);
        appendEvents(3);
        DeliveryPlanner planner = new DeliveryPlanner(store, lease("planner-" + UUID.randomUUID(), "a"), ids, clock, Handoff.NONE);

        while (planner.plan() > 0) {
            // until it has caught up with the log
        }
        appendEvents(2);
        while (planner.plan() > 0) {
            // the new events only
        }

        assertThat(store.read(tx -> tx.deliveries().list(subscription.id(), null, Page.first())).total()).isEqualTo(5);
    }

    @Test
    void thePlannerHandsOverWhatTheSenderHasRoomForAlreadyClaimedAndStoresTheRestUnclaimed() {
        DeliveryPlanner catchUp = new DeliveryPlanner(store, lease("planner-" + UUID.randomUUID(), "a"), ids, clock, Handoff.NONE);
        while (catchUp.plan() > 0) {
            // the events of earlier tests are planned without this sender
        }
        Subscription unordered = subscription(false);
        Subscription ordered = subscription(true);
        appendEvents(3);
        SenderWithRoom sender = new SenderWithRoom(2);
        DeliveryPlanner planner = new DeliveryPlanner(store, lease("planner-" + UUID.randomUUID(), "a"), ids, clock, sender);

        while (planner.plan() > 0) {
            // until it has caught up with the log
        }

        assertThat(sender.accepted).as("only unordered deliveries are handed over, with what sending them takes").hasSize(2)
                .allSatisfy(claimed -> {
                    assertThat(claimed.subscription().id()).isEqualTo(unordered.id());
                    assertThat(claimed.due().payloadJson()).isNotNull();
                });
        assertThat(sender.toldDue).isTrue();
        Instant now = clock.instant();
        assertThat(claim(now)).as("the third unordered delivery and the oldest ordered one; the handed-over ones are claimed")
                .extracting(d -> d.delivery().subscriptionId()).containsExactlyInAnyOrder(unordered.id(), ordered.id());
        assertThat(claim(now.plus(Duration.ofMinutes(2)))).as("the handed-over deliveries once their claim ran out")
                .extracting(d -> d.delivery().id()).containsAll(sender.accepted.stream().map(c -> c.delivery().id()).toList());
    }

    /** A sender on this node that takes up to {@code room} deliveries from the planner. */
    private static final class SenderWithRoom implements Handoff {
        private final int room;
        private final List<ClaimedDelivery> accepted = new ArrayList<>();
        private boolean toldDue;

        SenderWithRoom(int room) {
            this.room = room;
        }

        @Override
        public String nodeId() {
            return "sender";
        }

        @Override
        public Instant claimUntil(Instant now) {
            return now.plus(Duration.ofMinutes(1));
        }

        @Override
        public int room() {
            return room - accepted.size();
        }

        @Override
        public void accept(List<ClaimedDelivery> deliveries) {
            accepted.addAll(deliveries);
        }

        @Override
        public void deliveriesDue() {
            toldDue = true;
        }
    }

    @Test
    void retentionDeletesOldEventsAndDeliveriesInBatches() {
        Subscription subscription = subscription(false);
        deliver(subscription, 3);
        appendEvents(1_500);
        Duration keep = Duration.ofDays(30);
        Clock soon = Clock.offset(clock, Duration.ofDays(29));
        Clock later = Clock.offset(clock, Duration.ofDays(31));

        assertThat(sweepAll(soon, keep)).isZero();
        int deleted = sweepAll(later, keep);

        assertThat(deleted).isGreaterThanOrEqualTo(1_500 + 3 + 3);
        assertThat(store.read(tx -> tx.deliveries().list(subscription.id(), null, Page.first())).total()).isZero();
        List<StoredEvent> left = store.read(tx -> tx.events().read(new EventLog.Query(0, null, List.of(workspace), 10)));
        assertThat(left).isEmpty();
    }

    @Test
    void integratorsChangeSubscriptionsGuestsOnlyReadThemOthersDoNotSeeThem() {
        SubscriptionService service = new SubscriptionService(store, TargetGuard.ALLOW_ALL, new EventFactory(ids, clock), ids, clock);
        Caller integrator = member(Role.INTEGRATOR);
        Caller guest = member(Role.GUEST);
        Caller stranger = new Caller(user());
        SubscriptionDraft draft = new SubscriptionDraft("https://example.com/hook", List.of("flow/*/error"), null, null);

        UUID id = service.create(integrator, workspace, draft).subscription().id();

        assertThat(service.get(guest, workspace, id).id()).isEqualTo(id);
        assertThat(service.list(guest, workspace, Page.first()).total()).isEqualTo(1);
        assertKind(() -> service.create(guest, workspace, draft), FlowgateException.Kind.FORBIDDEN);
        assertKind(() -> service.rotateSecret(guest, workspace, id), FlowgateException.Kind.FORBIDDEN);
        assertKind(() -> service.delete(guest, workspace, id), FlowgateException.Kind.FORBIDDEN);
        assertKind(() -> service.get(stranger, workspace, id), FlowgateException.Kind.NOT_FOUND);
        assertKind(() -> service.create(stranger, workspace, draft), FlowgateException.Kind.NOT_FOUND);
        service.delete(integrator, workspace, id);
    }

    private Subscription subscription(boolean ordered) {
        Subscription subscription = Subscription.create(ids.next(), workspace, URI.create("https://example.com/hook"),
                List.of(ChannelAddress.pattern("flow/*/error")), ordered, WebhookSecret.generate(new SecureRandom()), clock.instant());
        store.transact(tx -> {
            tx.subscriptions().insert(subscription);
            return null;
        });
        return subscription;
    }

    /** {@code count} deliveries of new events to the subscription, oldest first. */
    private List<Delivery> deliver(Subscription subscription, int count) {
        List<StoredEvent> events = appendEvents(count);
        List<Delivery> deliveries = events.stream().map(e -> Delivery.of(ids.next(), subscription.id(), e, clock.instant())).toList();
        store.transact(tx -> {
            tx.deliveries().insert(deliveries);
            return null;
        });
        return deliveries;
    }

    private List<StoredEvent> appendEvents(int count) {
        long before = store.read(tx -> tx.events().lastCursor());
        store.transact(tx -> {
            for (int i = 0; i < count; i++) {
                tx.events().append(new FlowErrorEvent(ids.next(), workspace, ids.next(), flow, "step",
                        new StepError("E", "m", ""), clock.instant(), false, 1));
            }
            return null;
        });
        while (store.transact(tx -> tx.events().sequence(1_000)) > 0) {
            // until every event has its cursor
        }
        return store.read(tx -> tx.events().read(new EventLog.Query(before, null, List.of(workspace), count)));
    }

    private StoredEvent event() {
        return new StoredEvent(1, ids.next(), ChannelAddress.flowError(flow), "FlowErrorEvent", workspace, Json.object());
    }

    private List<DeliveryRepository.Due> claim(Instant now) {
        return store.transact(tx -> tx.deliveries().claimDue(now, 100, "test", now.plus(Duration.ofMinutes(1))))
                .stream().filter(d -> belongsHere(d.delivery())).toList();
    }

    private boolean belongsHere(Delivery delivery) {
        return store.read(tx -> tx.subscriptions().find(delivery.subscriptionId())).map(s -> s.workspaceId().equals(workspace))
                .orElse(false);
    }

    private void finish(Delivery delivery) {
        store.transact(tx -> {
            tx.deliveries().update(delivery);
            return null;
        });
    }

    private int sweepAll(Clock at, Duration keep) {
        Retention retention = new Retention(store, lease("retention-" + UUID.randomUUID(), "a", at), at,
                Retention.eventsAndDeliveries(keep));
        int total = 0;
        int deleted;
        while ((deleted = retention.sweep()) > 0) {
            total += deleted;
        }
        return total;
    }

    private ClusterLease lease(String name, String holder) {
        return lease(name, holder, clock);
    }

    private ClusterLease lease(String name, String holder, Clock at) {
        return new ClusterLease(store, name, holder, at, Duration.ofSeconds(15));
    }

    private User user() {
        User user = new User(ids.next(), ids.next() + "@example.com", "someone", false, clock.instant());
        store.transact(tx -> {
            tx.users().insert(user);
            return null;
        });
        return user;
    }

    private Caller member(Role role) {
        User user = user();
        store.transact(tx -> {
            tx.workspaces().putMember(new Member(workspace, user.id(), Set.of(role), clock.instant()));
            return null;
        });
        return new Caller(user);
    }

    private static void assertKind(Runnable call, FlowgateException.Kind kind) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(FlowgateException.class, e -> assertThat(e.kind()).isEqualTo(kind));
    }
}
