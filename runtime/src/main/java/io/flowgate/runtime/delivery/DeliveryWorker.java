package io.flowgate.runtime.delivery;

import io.flowgate.core.Json;
import io.flowgate.core.port.DeliveryRepository;
import io.flowgate.core.port.Store;
import io.flowgate.core.port.StoreTx;
import io.flowgate.core.port.WebhookSender;
import io.flowgate.core.subscription.OutboundWebhook;
import io.flowgate.core.subscription.Subscription;
import io.flowgate.runtime.support.Loop;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due deliveries: claims as many as it has free sending slots (a claim keeps other nodes off them;
 * if this node dies, the claim runs out and another node sends them), sends each on a virtual thread, and
 * records the outcome. At most {@code concurrency} requests are in flight per node.
 */
public final class DeliveryWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    /** Longer than any attempt takes (the sender gives up after 15 s). */
    private static final Duration CLAIM = Duration.ofSeconds(60);
    /** Every finished request wakes the worker: letting wake-ups gather claims many deliveries per transaction. */
    private static final Duration CLAIM_SETTLE = Duration.ofMillis(10);
    private static final WebhookSender.Outcome EVENT_GONE =
            new WebhookSender.Outcome(null, 0, null, "The event is no longer stored (past its retention)");

    private final Store store;
    private final WebhookSender sender;
    private final AttemptLedger ledger;
    private final Clock clock;
    private final String nodeId;
    private final Semaphore slots;
    private final int concurrency;
    private final ExecutorService sending = Executors.newVirtualThreadPerTaskExecutor();
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
    }

    /** A worker that looks for due deliveries every 100 ms, and at once when woken. */
    public static DeliveryWorker start(Store store, WebhookSender sender, AttemptLedger ledger, Clock clock, String nodeId,
                                       int concurrency) {
        DeliveryWorker worker = new DeliveryWorker(store, sender, ledger, clock, nodeId, concurrency);
        worker.loop = Loop.start("delivery-worker", Duration.ofMillis(100), CLAIM_SETTLE, worker::sendDue);
        return worker;
    }

    /** Looks for due deliveries now (new ones were planned, or one was resent). */
    public void wake() {
        Loop running = loop;
        if (running != null) {
            running.wake();
        }
    }

    /** Claims due deliveries for the free slots and starts sending them; returns how many. */
    int sendDue() {
        int free = slots.availablePermits();
        if (free == 0 || closed) {
            return 0;
        }
        Instant now = clock.instant();
        List<Claimed> due = store.transact(tx -> claim(tx, now, free));
        for (Claimed delivery : due) {
            slots.acquireUninterruptibly();
            sending.execute(() -> {
                try {
                    attempt(delivery);
                } catch (RuntimeException e) {
                    LOG.warn("Delivery {} could not be recorded; it is tried again when its claim runs out: {}",
                            delivery.due().delivery().id(), e.toString());
                } finally {
                    slots.release();
                    wake();
                }
            });
        }
        return due.size();
    }

    /** A claimed delivery with its subscription, read in the claim's transaction. */
    private record Claimed(DeliveryRepository.Due due, Subscription subscription) {
    }

    private List<Claimed> claim(StoreTx tx, Instant now, int limit) {
        List<DeliveryRepository.Due> due = tx.deliveries().claimDue(now, limit, nodeId, now.plus(CLAIM));
        Map<UUID, Optional<Subscription>> subscriptions = new HashMap<>();
        List<Claimed> claimed = new ArrayList<>(due.size());
        for (DeliveryRepository.Due delivery : due) {
            subscriptions.computeIfAbsent(delivery.delivery().subscriptionId(), id -> tx.subscriptions().find(id))
                    .ifPresent(subscription -> claimed.add(new Claimed(delivery, subscription)));
        }
        return claimed;
    }

    private void attempt(Claimed claimed) {
        DeliveryRepository.Due due = claimed.due();
        Instant startedAt = clock.instant();
        WebhookSender.Outcome outcome = due.payload() == null ? EVENT_GONE
                : sender.send(OutboundWebhook.request(claimed.subscription(), due.delivery(), Json.bytes(due.payload()), startedAt));
        ledger.record(claimed.subscription(), due.delivery().id(), outcome, startedAt);
    }

    /** Stops claiming, waits for the requests in flight (their outcome is recorded), then closes the ledger. */
    @Override
    public void close() {
        closed = true;
        loop.close();
        try {
            if (!slots.tryAcquire(concurrency, 20, TimeUnit.SECONDS)) {
                LOG.warn("Deliveries still in flight at shutdown are sent again when their claim runs out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sending.shutdownNow();
        ledger.close();
    }
}
