package io.flowgate.app;

import io.flowgate.amqp.AmqpBus;
import io.flowgate.core.Ids;
import io.flowgate.core.port.Store;
import io.flowgate.core.subscription.RetrySchedule;
import io.flowgate.delivery.HttpWebhookSender;
import io.flowgate.delivery.PrivateAddressGuard;
import io.flowgate.runtime.delivery.AttemptLedger;
import io.flowgate.runtime.delivery.DeliveryPlanner;
import io.flowgate.runtime.delivery.DeliveryWorker;
import io.flowgate.runtime.engine.EventFactory;
import io.flowgate.runtime.events.AmqpEventRelay;
import io.flowgate.runtime.support.ClusterLease;
import io.flowgate.runtime.support.Loop;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * The delivery role: outbound webhooks (the planner turns new events into deliveries on one node at a
 * time; every delivery node sends them) and the AMQP events relay (one node at a time), both woken when
 * new events are sequenced.
 */
final class DeliveryModule implements AutoCloseable {

    /**
     * Every sequenced batch of events wakes the planner and the relay: running each at most every 20 ms
     * (unless it has a backlog) turns hundreds of small transactions a second under load into a few larger ones.
     */
    private static final Duration PACE = Duration.ofMillis(20);

    private final HttpWebhookSender sender;
    private final DeliveryWorker worker;
    private final Loop planning;
    private final AmqpBus relayBus;
    private final AmqpEventRelay relay;
    private final Loop relaying;

    private DeliveryModule(HttpWebhookSender sender, DeliveryWorker worker, Loop planning, AmqpBus relayBus, AmqpEventRelay relay,
                           Loop relaying) {
        this.sender = sender;
        this.worker = worker;
        this.planning = planning;
        this.relayBus = relayBus;
        this.relay = relay;
        this.relaying = relaying;
    }

    /** {@code leases} gives the cluster-wide lease of a job by name; the caller releases them after closing this. */
    static DeliveryModule start(FlowgateConfig.Delivery delivery, Store store, Infrastructure infrastructure, EventFactory events,
                                Ids ids, Clock clock, String nodeId, MeterRegistry metrics, Function<String, ClusterLease> leases) {
        HttpWebhookSender sender = new HttpWebhookSender(PrivateAddressGuard.forNode(delivery.allowPrivate()));
        AttemptLedger ledger = new AttemptLedger(store, RetrySchedule.jittered(delivery.retrySchedule(), Math::random),
                delivery.disableAfter(), events, clock, attempt -> metrics.timer("flowgate.webhook.delivery.attempts",
                        "outcome", attempt.succeeded() ? "succeeded" : "failed").record(Duration.ofMillis(attempt.latencyMillis())));
        DeliveryWorker worker = DeliveryWorker.start(store, sender, ledger, clock, nodeId, delivery.concurrency());
        DeliveryPlanner planner = new DeliveryPlanner(store, leases.apply(DeliveryPlanner.FOLLOWER), ids, clock, worker);
        Loop planning = Loop.start("delivery-planner", Duration.ofSeconds(1), new Loop.Pace(PACE, DeliveryPlanner.BATCH), planner::plan);
        AmqpBus relayBus = infrastructure.connectBus("flowgate-" + nodeId + "-events", 1);
        AmqpEventRelay relay = new AmqpEventRelay(store, relayBus, leases.apply(AmqpEventRelay.FOLLOWER), clock);
        Loop relaying = Loop.start("amqp-relay", Duration.ofSeconds(1), new Loop.Pace(PACE, AmqpEventRelay.BATCH), relay::relay);
        return new DeliveryModule(sender, worker, planning, relayBus, relay, relaying);
    }

    /** Deliveries became due now (a resend through the API): send them without waiting for the next round. */
    void deliveriesDue() {
        worker.deliveriesDue();
    }

    /** New events were sequenced: plan their deliveries and relay them now. */
    void eventsSequenced() {
        planning.wake();
        relaying.wake();
    }

    @Override
    public void close() {
        for (AutoCloseable part : List.<AutoCloseable>of(relaying, relay, relayBus, planning, worker, sender)) {
            try {
                part.close();
            } catch (Exception e) {
                throw new IllegalStateException("Stopping " + part + " failed", e);
            }
        }
    }
}
