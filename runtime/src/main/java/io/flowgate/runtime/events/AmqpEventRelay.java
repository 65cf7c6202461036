package io.flowgate.runtime.events;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.event.StoredEvent;
import io.flowgate.core.port.EventLog;
import io.flowgate.core.port.MessageBus;
import io.flowgate.core.port.Store;
import io.flowgate.core.port.Topology;
import io.flowgate.runtime.support.Cadence;
import io.flowgate.runtime.support.ClusterLease;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every sequenced event to the events exchange, routing key = its channel with dots, so any
 * AMQP client can bind a queue to the channels it wants. The relay moves on only after the broker
 * confirmed a whole batch, and writes down how far it got at most once a second while busy (and when it
 * stops): every commit rewrites pages of the database, and a watermark written per batch cost as many
 * commits a second as the relay ran. After a crash the relay publishes again from the position it wrote
 * down (at least once; consumers deduplicate by message id). One node at a time relays (a lease). The bus
 * it is given should publish on one channel, so that consumers get events in log order.
 */
public final class AmqpEventRelay implements AutoCloseable {

    public static final String FOLLOWER = "amqp-relay";
    public static final String WORKSPACE_HEADER = "x-flowgate-workspace-id";
    public static final int BATCH = 500;
    private static final long CONFIRM_TIMEOUT_SECONDS = 30;
    private static final Duration SAVE_EVERY = Duration.ofSeconds(1);
    private static final long UNKNOWN = -1;
    private static final Logger LOG = LoggerFactory.getLogger(AmqpEventRelay.class);

    private final Store store;
    private final MessageBus bus;
    private final ClusterLease lease;
    private final Cadence saves;
    /** How far this node relayed while it holds the lease; UNKNOWN until read from the database. */
    private long position = UNKNOWN;
    private long saved = UNKNOWN;

    public AmqpEventRelay(Store store, MessageBus bus, ClusterLease lease, Clock clock) {
        this.store = store;
        this.bus = bus;
        this.lease = lease;
        this.saves = new Cadence(clock, SAVE_EVERY);
    }

    /** Publishes the next events of the log; returns how many. */
    public synchronized int relay() {
        if (!lease.held()) {
            position = UNKNOWN;
            saved = UNKNOWN;
            return 0;
        }
        if (position == UNKNOWN) {
            position = store.read(tx -> tx.watermarks().get(FOLLOWER));
            saved = position;
        }
        long after = position;
        List<StoredEvent> events = store.read(tx -> tx.events().read(new EventLog.Query(after, null, null, BATCH)));
        if (!events.isEmpty()) {
            awaitConfirms(events.stream().map(event -> bus.publish(message(event))).toArray(CompletableFuture[]::new));
            position = events.getLast().cursor();
        }
        if (saves.due()) {
            save();
        }
        return events.size();
    }

    /**
     * Writes down how far it relayed, so that the next holder of the lease does not publish those events
     * again; when the database cannot take it now, the next holder publishes them again (at least once).
     */
    @Override
    public synchronized void close() {
        try {
            save();
        } catch (RuntimeException e) {
            LOG.warn("Could not write down how far the events relay got; the next relay publishes from {} again: {}", saved, e.toString());
        }
    }

    private void save() {
        if (position == saved || position == UNKNOWN) {
            return;
        }
        long upTo = position;
        store.transact(tx -> {
            tx.watermarks().advance(FOLLOWER, upTo);
            return null;
        });
        saved = upTo;
    }

    /** The AMQP message of an event: persistent JSON, type = message name, message id = event id. */
    public static MessageBus.Outgoing message(StoredEvent event) {
        return new MessageBus.Outgoing(Topology.EVENTS_EXCHANGE, event.channel().routingKey(), event.eventId().toString(),
                event.name(), Map.of(WORKSPACE_HEADER, event.workspaceId().toString()), event.payloadBytes(), false);
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
