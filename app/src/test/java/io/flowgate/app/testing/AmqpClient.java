package io.flowgate.app.testing;

import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/** A plain RabbitMQ Java client, used as any AMQP user of the platform would use it. */
public final class AmqpClient implements AutoCloseable {

    private final Connection connection;
    private final Channel channel;

    public AmqpClient(String uri) {
        try {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(uri);
            connection = factory.newConnection("topics-test-client");
            channel = connection.createChannel();
            channel.confirmSelect();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot connect to " + uri + ": " + e.getMessage(), e);
        }
    }

    /** Publishes and waits for the broker's confirm. */
    public void publish(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body) {
        try {
            channel.basicPublish(exchange, routingKey, properties, body);
            channel.waitForConfirmsOrDie(10_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Declares a server-named exclusive queue bound to {@code exchange} with {@code routingKey}; returns its name. */
    public String bindNewQueue(String exchange, String routingKey) {
        try {
            String queue = channel.queueDeclare().getQueue();
            channel.queueBind(queue, exchange, routingKey);
            return queue;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the broker has this queue (a passive declare, on a channel of its own: a missing queue closes it). */
    public boolean queueExists(String queue) {
        try (Channel probe = connection.createChannel()) {
            probe.queueDeclarePassive(queue);
            return true;
        } catch (IOException e) {
            return false;
        } catch (TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for the next message of {@code queue} and acknowledges it. */
    public GetResponse next(String queue) {
        AtomicReference<GetResponse> got = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            got.set(channel.basicGet(queue, true));
            return got.get() != null;
        });
        return got.get();
    }

    @Override
    public void close() {
        try {
            connection.close(5_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
