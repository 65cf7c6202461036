package io.flowgate.runtime.events;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.Json;
import io.flowgate.core.event.StoredEvent;
import io.flowgate.core.port.EventLog;
import io.flowgate.core.port.MessageBus;
import io.flowgate.core.port.Store;
import io.flowgate.core.port.Topology;
import io.flowgate.runtime.support.ClusterLease;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes every sequenced event to the events exchange, routing key = its channel with dots, so any
 * AMQP client can bind a queue to the channels it wants. The watermark moves only after the broker
 * confirmed a whole batch: after a crash the relay publishes again from there (at least once; consumers
 * deduplicate by message id). One node at a time relays (a lease). The bus it is given should publish on
 * one channel, so that consumers get events in log order.
 */
public final class AmqpEventRelay {

    public static final String FOLLOWER = "amqp-relay";
    public static final String WORKSPACE_HEADER = "x-flowgate-workspace-id";
    public static final int BATCH = 500;
    private static final long CONFIRM_TIMEOUT_SECONDS = 30;

    private final Store store;
    private final MessageBus bus;
    private final ClusterLease lease;

    public AmqpEventRelay(Store store, MessageBus bus, ClusterLease lease) {
        this.store = store;
        this.bus = bus;
        this.lease = lease;
    }

    /** Publishes the next events of the log; returns how many. */
    public int relay() {
        if (!lease.held()) {
            return 0;
        }
        List<StoredEvent> events = store.read(tx -> tx.events().read(
                new EventLog.Query(tx.watermarks().get(FOLLOWER), null, null, BATCH)));
        if (events.isEmpty()) {
            return 0;
        }
        awaitConfirms(events.stream().map(event -> bus.publish(message(event))).toArray(CompletableFuture[]::new));
        long last = events.getLast().cursor();
        store.transact(tx -> {
            tx.watermarks().advance(FOLLOWER, last);
            return null;
        });
        return events.size();
    }

    /** The AMQP message of an event: persistent JSON, type = message name, message id = event id. */
    public static MessageBus.Outgoing message(StoredEvent event) {
        return new MessageBus.Outgoing(Topology.EVENTS_EXCHANGE, event.channel().routingKey(), event.eventId().toString(),
                event.name(), Map.of(WORKSPACE_HEADER, event.workspaceId().toString()), Json.bytes(event.payload()), false);
    }

    private static void awaitConfirms(CompletableFuture<?>[] confirms) {
        try {
            CompletableFuture.allOf(confirms).get(CONFIRM_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FlowgateException.unavailable("Interrupted while the broker confirmed events", e);
        } catch (ExecutionException | TimeoutException e) {
            throw FlowgateException.unavailable("The broker did not confirm the events: " + e.getMessage(), e);
        }
    }
}
