package io.flowgate.amqp;

import static org.awaitility.Awaitility.await;

import io.flowgate.core.port.MessageBus;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** A handler that keeps what it is given, unacknowledged, for the test to take in order. */
final class Inbox implements MessageBus.Handler {

    static final Duration WAIT = Duration.ofSeconds(30);

    private final BlockingQueue<MessageBus.Delivery> deliveries = new LinkedBlockingQueue<>();
    private final AtomicInteger received = new AtomicInteger();

    @Override
    public void handle(MessageBus.Delivery delivery) {
        deliveries.add(delivery);
        received.incrementAndGet();
    }

    /** The next delivery, waiting for it to come. */
    MessageBus.Delivery next() {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(10)).until(deliveries::poll, Objects::nonNull);
    }

    /** How many deliveries came so far. */
    int received() {
        return received.get();
    }
}
