package io.flowgate.core.port;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The AMQP 0-9-1 broker as the platform uses it. One implementation serves the embedded broker and
 * RabbitMQ alike; nothing here depends on broker-specific queue arguments.
 */
public interface MessageBus extends AutoCloseable {

    /**
     * A message to publish. {@code mandatory} messages that no queue takes fail instead of vanishing; they
     * need a {@code messageId}, by which the broker's return is matched to them. Header values are strings,
     * numbers or booleans.
     */
    record Outgoing(String exchange, String routingKey, String messageId, String type, Map<String, Object> headers,
                    byte[] body, boolean mandatory) {

        public Outgoing {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
            if (mandatory && messageId == null) {
                throw new IllegalArgumentException("a mandatory message needs a message id");
            }
        }
    }

    /**
     * A message received from a queue. It stays with this consumer until {@link #ack()}; when the consumer
     * goes without acknowledging it, the broker delivers it again, with {@link #redelivered()} true.
     */
    interface Delivery {
        String messageId();

        String type();

        /** The headers as sent: strings as {@link String}, numbers and booleans with their type. */
        Map<String, Object> headers();

        byte[] body();

        boolean redelivered();

        /** The exchange the message was published to ({@code ""} for the default exchange). */
        String exchange();

        /** The routing key it was published with. */
        String routingKey();

        void ack();
    }

    @FunctionalInterface
    interface Handler {
        void handle(Delivery delivery);
    }

    /** A running consumer; closing it leaves unacknowledged messages to the broker to deliver again. */
    interface Subscription extends AutoCloseable {
        /**
         * Asks the broker for no more messages, while those already delivered may still be acknowledged until
         * {@link #close()}: how a stopping node lets the work in its hands finish.
         */
        default void stopDeliveries() {
            close();
        }

        /**
         * False once the broker cancelled this consumer by itself (its queue was deleted, or moved to another
         * broker node): the consumer gets nothing more and must be replaced.
         */
        default boolean isCancelledByBroker() {
            return false;
        }

        @Override
        void close();
    }

    /**
     * Publishes the message. The future completes when the broker has confirmed it (it is then durable)
     * and fails with a {@link io.flowgate.core.FlowgateException}: of kind NOT_FOUND when the message is
     * mandatory and no queue takes it, of kind UNAVAILABLE otherwise (the broker refused it, or the
     * connection or channel closed before the confirm, e.g. for a publish to an exchange that does not exist:
     * the message may not be durable). One refused publish does not stop later ones.
     */
    CompletableFuture<Void> publish(Outgoing message);

    /**
     * Consumes {@code queue}, at most {@code prefetch} unacknowledged messages at a time; the handler is
     * called on a virtual thread per message. Fails with NOT_FOUND when there is no such queue.
     */
    Subscription consume(String queue, int prefetch, Handler handler);

    void declareExchange(String name, String type);

    /** Declares a durable queue, bound to each (exchange, routing key) pair; declaring it again keeps its messages. */
    void declareQueue(String name, Map<String, String> bindings);

    /**
     * Declares a queue only this process uses (removed when it disconnects) and consumes it. Others send to it
     * through the default exchange ({@code ""}) with its name as the routing key. Unlike {@link #consume},
     * the handler is called for one message at a time, in the order they arrived, so it must be quick.
     */
    Subscription consumePrivateQueue(String name, int prefetch, Handler handler);

    /**
     * Binds the queue to the exchange. This and the other topology changes fail with NOT_FOUND when the queue
     * or exchange does not exist, with UNAVAILABLE when the broker cannot be reached; a refusal does not harm
     * later calls.
     */
    void bind(String queue, String exchange, String routingKey);

    void unbind(String queue, String exchange, String routingKey);

    /** Deletes the queue with its messages; deleting a queue that does not exist changes nothing. */
    void deleteQueue(String name);

    /**
     * Messages waiting in the queue: those ready for a consumer, and, on brokers that count them (Qpid
     * Broker-J does, RabbitMQ does not), those delivered and not yet acknowledged. -1 when the queue does not
     * exist or the broker cannot be asked.
     */
    long depth(String queue);

    /** True while the bus is connected to the broker; false once it is closed or while it reconnects. */
    boolean isHealthy();

    @Override
    void close();
}
