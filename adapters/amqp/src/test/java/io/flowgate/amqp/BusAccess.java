package io.flowgate.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.port.MessageBus;
import io.flowgate.core.port.MessageBus.Outgoing;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/** What every part of the bus contract needs: the bus under test, fresh names, and short ways to publish. */
interface BusAccess {

    /** The bus the tests share. */
    MessageBus bus();

    /** A bus of its own on the same broker, for tests that close it. */
    MessageBus connect();

    static String name(String kind) {
        return "contract." + kind + "." + UUID.randomUUID();
    }

    /** A direct exchange and a durable queue bound to it with {@code routingKey}; returns the exchange. */
    default String exchangeWithQueue(String queue, String routingKey) {
        String exchange = name("exchange");
        bus().declareExchange(exchange, "direct");
        bus().declareQueue(queue, Map.of(exchange, routingKey));
        return exchange;
    }

    static Outgoing message(String exchange, String routingKey, String body) {
        return new Outgoing(exchange, routingKey, UUID.randomUUID().toString(), "contract.test", Map.of(),
                body.getBytes(StandardCharsets.UTF_8), true);
    }

    /** Publishes and waits for the broker's confirm. */
    default void confirm(Outgoing message) {
        bus().publish(message).orTimeout(Inbox.WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** Publishes and returns the error the broker's answer fails with. */
    default FlowgateException refusal(Outgoing message) {
        CompletionException failure = catchThrowableOfType(CompletionException.class,
                () -> bus().publish(message).orTimeout(Inbox.WAIT.toSeconds(), TimeUnit.SECONDS).join());
        assertThat(failure).as("the publish fails").isNotNull();
        assertThat(failure.getCause()).isInstanceOf(FlowgateException.class);
        return (FlowgateException) failure.getCause();
    }

    /** Waits until the broker counts {@code expected} ready messages in the queue (-1: there is no queue). */
    default void awaitDepth(String queue, long expected) {
        await().atMost(Inbox.WAIT).untilAsserted(() -> assertThat(bus().depth(queue)).as("depth of %s", queue).isEqualTo(expected));
    }

    static String text(MessageBus.Delivery delivery) {
        return new String(delivery.body(), StandardCharsets.UTF_8);
    }
}
