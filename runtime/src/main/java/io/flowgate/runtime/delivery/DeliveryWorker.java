package io.flowgate.runtime.delivery;

import io.flowgate.core.port.DeliveryRepository;
import io.flowgate.core.port.Store;
import io.flowgate.core.port.StoreTx;
import io.flowgate.core.port.WebhookSender;
import io.flowgate.core.subscription.OutboundWebhook;
import io.flowgate.core.subscription.Subscription;
import io.flowgate.runtime.support.Loop;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due deliveries: first those the planner handed over (already claimed for this node), then, with
 * the slots left, claims due ones from the store (retries, deliveries the planner stored unclaimed, and
 * those whose claim by a node that died ran out). A claim keeps other nodes off a delivery. Each delivery
 * is sent on a virtual thread and its outcome recorded; at most {@code concurrency} requests are in
 * flight per node. A request's slot is free again as soon as its answer is in: the outcomes of several
 * requests are written together (group commit), and waiting for that write would idle the slot.
 */
public final class DeliveryWorker implements Handoff, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    /** Longer than any attempt takes (the sender gives up after 15 s). */
    private static final Duration CLAIM = Duration.ofSeconds(60);
    /**
     * A handed-over delivery that waited longer than this for a slot is left to its claim running out: by
     * then another node may claim it, and it must not be sent twice at the same time.
     */
    private static final Duration HANDED_OVER_KEPT = CLAIM.dividedBy(2);
    /** How often the store is asked for due deliveries when nothing said there are some (retries come due). */
    private static final Duration STORE_POLL = Duration.ofMillis(100);
    /** The shortest time between two claims from the store: the wake-ups of a busy moment share one claim. */
    private static final Duration CLAIM_SETTLE = Duration.ofMillis(10);
    private static final int UNRECORDED_PER_SLOT = 4;
    private static final WebhookSender.Outcome EVENT_GONE =
            new WebhookSender.Outcome(null, 0, null, "The event is no longer stored (past its retention)");

    private record HandedOver(ClaimedDelivery delivery, long atNanos) {
    }

    private final Store store;
    private final WebhookSender sender;
    private final AttemptLedger ledger;
    private final Clock clock;
    private final String nodeId;
    /** Held from sending a request until its answer is in. */
    private final Semaphore slots;
    /** Held from sending a request until its outcome is recorded: bounds the outcomes waiting to be written. */
    private final Semaphore unrecorded;
    private final int concurrency;
    private final ExecutorService sending = Executors.newVirtualThreadPerTaskExecutor();
    private final Queue<HandedOver> handedOver = new ConcurrentLinkedQueue<>();
    private final AtomicInteger handedOverCount = new AtomicInteger();
    private final AtomicBoolean storedDue = new AtomicBoolean(true);
    private long lastStoreClaim = System.nanoTime() - STORE_POLL.toNanos();
    private volatile boolean storeBacklog;
    private volatile Loop loop;
    private volatile boolean closed;

    private DeliveryWorker(Store store, WebhookSender sender, AttemptLedger ledger, Clock clock, String nodeId, int concurrency) {
        this.store = store;
        this.sender = sender;
        this.ledger = ledger;
        this.clock = clock;
        this.nodeId = nodeId;
        this.concurrency = concurrency;
        this.slots = new Semaphore(concurrency);
        this.unrecorded = new Semaphore(UNRECORDED_PER_SLOT * concurrency);
    }

    /** A worker that runs when deliveries are handed over or due, when a request ends, and every 100 ms. */
    public static DeliveryWorker start(Store store, WebhookSender sender, AttemptLedger ledger, Clock clock, String nodeId,
                                       int concurrency) {
        DeliveryWorker worker = new DeliveryWorker(store, sender, ledger, clock, nodeId, concurrency);
        worker.loop = Loop.start("delivery-worker", STORE_POLL, worker::sendDue);
        return worker;
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public Instant claimUntil(Instant now) {
        return now.plus(CLAIM);
    }

    /**
     * A few rounds of requests, enough to keep every slot busy between two planning rounds; none while
     * the store holds a backlog of due deliveries, so that new deliveries queue behind the older ones.
     */
    @Override
    public int room() {
        return closed || storeBacklog ? 0 : Math.max(0, 4 * concurrency - handedOverCount.get());
    }

    @Override
    public void accept(List<ClaimedDelivery> deliveries) {
        long now = System.nanoTime();
        deliveries.forEach(delivery -> handedOver.add(new HandedOver(delivery, now)));
        handedOverCount.addAndGet(deliveries.size());
        wake();
    }

    /** Deliveries in the store became due now (planned unclaimed, or resent): claim them without waiting for the next poll. */
    @Override
    public void deliveriesDue() {
        storedDue.set(true);
        wake();
    }

    private void wake() {
        Loop running = loop;
        if (running != null) {
            running.wake();
        }
    }

    /** Starts sending what is handed over or due, as far as there are free slots; returns how many. */
    int sendDue() {
        if (closed) {
            return 0;
        }
        int slotsFree = Math.min(slots.availablePermits(), unrecorded.availablePermits());
        List<ClaimedDelivery> due = takeHandedOver(slotsFree);
        int free = slotsFree - due.size();
        if (free > 0 && storeClaimDue()) {
            Instant now = clock.instant();
            List<ClaimedDelivery> claimed = store.transact(tx -> claim(tx, now, free));
            storeBacklog = claimed.size() == free;
            if (storeBacklog) {
                storedDue.set(true);
            }
            due.addAll(claimed);
        }
        due.forEach(this::send);
        return due.size();
    }

    private List<ClaimedDelivery> takeHandedOver(int limit) {
        List<ClaimedDelivery> taken = new ArrayList<>();
        long keptSince = System.nanoTime() - HANDED_OVER_KEPT.toNanos();
        HandedOver next;
        while (taken.size() < limit && (next = handedOver.poll()) != null) {
            handedOverCount.decrementAndGet();
            if (next.atNanos() - keptSince >= 0) {
                taken.add(next.delivery());
            } else {
                LOG.debug("Delivery {} waited too long for a slot; it is sent when its claim runs out", next.delivery().delivery().id());
            }
        }
        return taken;
    }

    /** Whether to claim from the store now: when told deliveries are due there (at most every 10 ms), and every 100 ms. */
    private boolean storeClaimDue() {
        long now = System.nanoTime();
        long since = now - lastStoreClaim;
        boolean due = since >= STORE_POLL.toNanos() || (storedDue.get() && since >= CLAIM_SETTLE.toNanos());
        if (due) {
            storedDue.set(false);
            lastStoreClaim = now;
        }
        return due;
    }

    private List<ClaimedDelivery> claim(StoreTx tx, Instant now, int limit) {
        List<DeliveryRepository.Due> due = tx.deliveries().claimDue(now, limit, nodeId, now.plus(CLAIM));
        Map<UUID, Optional<Subscription>> subscriptions = new HashMap<>();
        List<ClaimedDelivery> claimed = new ArrayList<>(due.size());
        for (DeliveryRepository.Due delivery : due) {
            subscriptions.computeIfAbsent(delivery.delivery().subscriptionId(), id -> tx.subscriptions().find(id))
                    .ifPresent(subscription -> claimed.add(new ClaimedDelivery(delivery, subscription)));
        }
        return claimed;
    }

    private void send(ClaimedDelivery delivery) {
        unrecorded.acquireUninterruptibly();
        slots.acquireUninterruptibly();
        sending.execute(() -> {
            try {
                record(delivery, answer(delivery));
            } catch (RuntimeException e) {
                LOG.warn("Delivery {} could not be recorded; it is tried again when its claim runs out: {}",
                        delivery.delivery().id(), e.toString());
            } finally {
                unrecorded.release();
                wake();
            }
        });
    }

    /** Sends the delivery and frees its slot once the answer is in. */
    private Answer answer(ClaimedDelivery claimed) {
        try {
            DeliveryRepository.Due due = claimed.due();
            Instant startedAt = clock.instant();
            WebhookSender.Outcome outcome = due.payloadJson() == null ? EVENT_GONE
                    : sender.send(OutboundWebhook.request(claimed.subscription(), due.delivery(),
                            due.payloadJson().getBytes(StandardCharsets.UTF_8), startedAt));
            return new Answer(outcome, startedAt);
        } finally {
            slots.release();
            wake();
        }
    }

    private record Answer(WebhookSender.Outcome outcome, Instant startedAt) {
    }

    private void record(ClaimedDelivery claimed, Answer answer) {
        ledger.record(claimed.subscription(), claimed.delivery().id(), answer.outcome(), answer.startedAt());
    }

    /**
     * Stops claiming, waits for the requests in flight (their outcome is recorded), then closes the ledger.
     * Handed-over deliveries not sent yet are sent when their claim runs out.
     */
    @Override
    public void close() {
        closed = true;
        loop.close();
        try {
            if (!unrecorded.tryAcquire(UNRECORDED_PER_SLOT * concurrency, 20, TimeUnit.SECONDS)) {
                LOG.warn("Deliveries still in flight at shutdown are sent again when their claim runs out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sending.shutdownNow();
        ledger.close();
    }
}
