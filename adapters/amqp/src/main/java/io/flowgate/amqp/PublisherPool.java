package io.flowgate.amqp;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.port.MessageBus;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Publisher channels taken in turn. A channel the broker closed for an error (a publish to an exchange
 * that does not exist) never comes back by itself, so it is replaced on its next turn; channels closed with
 * their connection come back when the connection recovers.
 *
 * <p>While the broker blocks the connection (RabbitMQ's memory or disk alarm) publishing fails at once as
 * UNAVAILABLE: a publish would otherwise hang its caller, holding the channel, until the alarm clears.
 */
final class PublisherPool {

    private final Connection connection;
    private final AtomicReferenceArray<ConfirmingPublisher> publishers;
    private final AtomicInteger next = new AtomicInteger();
    private volatile String blockedBecause;

    PublisherPool(Connection connection, int size) throws IOException {
        this.connection = connection;
        this.publishers = new AtomicReferenceArray<>(size);
        for (int slot = 0; slot < size; slot++) {
            publishers.set(slot, new ConfirmingPublisher(connection.createChannel()));
        }
        connection.addBlockedListener(reason -> blockedBecause = reason, () -> blockedBecause = null);
        if (connection instanceof Recoverable recoverable) {
            // a new connection is told again if the broker still blocks it
            recoverable.addRecoveryListener(new RecoveryListener() {
                @Override
                public void handleRecovery(Recoverable recovered) {
                    blockedBecause = null;
                }

                @Override
                public void handleRecoveryStarted(Recoverable recovering) {
                }
            });
        }
    }

    CompletableFuture<Void> publish(MessageBus.Outgoing message) {
        String blocked = blockedBecause;
        if (blocked != null) {
            return CompletableFuture.failedFuture(FlowgateException.unavailable("The broker accepts no messages now: " + blocked, null));
        }
        int slot = Math.floorMod(next.getAndIncrement(), publishers.length());
        return usable(slot).publish(message);
    }

    private ConfirmingPublisher usable(int slot) {
        ConfirmingPublisher publisher = publishers.get(slot);
        if (!publisher.isClosedByBroker()) {
            return publisher;
        }
        synchronized (this) {
            ConfirmingPublisher current = publishers.get(slot);
            if (current != publisher) {
                return current;
            }
            try {
                ConfirmingPublisher fresh = new ConfirmingPublisher(connection.createChannel());
                publishers.set(slot, fresh);
                return fresh;
            } catch (IOException | RuntimeException e) {
                return publisher; // the connection is down: this publish fails as UNAVAILABLE
            }
        }
    }
}
