package io.flowgate.core.port;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The AMQP 0-9-1 broker as the platform uses it. One implementation serves the embedded broker and
 * RabbitMQ alike; nothing here depends on broker-specific queue arguments.
 */
public interface MessageBus extends AutoCloseable {

    /** A message to publish. {@code mandatory} messages that no queue takes fail instead of vanishing. */
    record Outgoing(String exchange, String routingKey, String messageId, String type, Map<String, Object> headers,
                    byte[] body, boolean mandatory) {

        public Outgoing {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }
    }

    /** A message received from a queue. It stays with this consumer until {@link #ack()}. */
    interface Delivery {
        String messageId();

        String type();

        Map<String, Object> headers();

        byte[] body();

        boolean redelivered();

        void ack();
    }

    @FunctionalInterface
    interface Handler {
        void handle(Delivery delivery);
    }

    /** A running consumer; cancelling it leaves unacknowledged messages to the broker to deliver again. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Publishes the message. The future completes when the broker has confirmed it (it is then durable)
     * and fails with a {@link io.flowgate.core.FlowgateException} of kind UNAVAILABLE otherwise.
     */
    CompletableFuture<Void> publish(Outgoing message);

    /**
     * Consumes {@code queue}, at most {@code prefetch} unacknowledged messages at a time; the handler is
     * called on a virtual thread per message.
     */
    Subscription consume(String queue, int prefetch, Handler handler);

    void declareExchange(String name, String type);

    /** Declares a durable queue, bound to each (exchange, routing key) pair. */
    void declareQueue(String name, Map<String, String> bindings);

    /**
     * Declares a queue only this process uses (removed when it disconnects) and consumes it. Unlike
     * {@link #consume}, the handler is called for one message at a time, in the order they arrived, so
     * it must be quick.
     */
    Subscription consumePrivateQueue(String name, int prefetch, Handler handler);

    void bind(String queue, String exchange, String routingKey);

    void unbind(String queue, String exchange, String routingKey);

    void deleteQueue(String name);

    /** Messages ready in the queue (not counting those delivered and unacknowledged); -1 when unknown. */
    long depth(String queue);

    boolean isHealthy();

    @Override
    void close();
}
