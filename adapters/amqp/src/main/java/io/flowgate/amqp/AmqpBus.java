package io.flowgate.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.port.MessageBus;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link MessageBus} on an AMQP 0-9-1 broker, with the RabbitMQ Java client. The same code serves
 * the embedded broker and RabbitMQ: it never rejects messages and declares queues without arguments
 * unless {@link Settings#queueArguments()} asks for some (RabbitMQ quorum queues).
 *
 * <p>Publishing and consuming use separate connections, as the broker may block a publishing
 * connection under memory pressure; both recover automatically, with their consumers and private queues
 * (see {@link TransientTopologyRecovery}). Topology changes and queue lookups each use a channel of their
 * own, as the broker closes a channel on any refusal.
 */
public final class AmqpBus implements MessageBus {

    /** Where the broker is and how queues are declared. */
    public record Settings(String uri, String connectionName, int publisherChannels, Map<String, Object> queueArguments) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(AmqpBus.class);

    private final Settings settings;
    private final Connection publishing;
    private final Connection consuming;
    private final PublisherPool publishers;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();

    private AmqpBus(Settings settings, Connection publishing, Connection consuming) throws IOException {
        this.settings = settings;
        this.publishing = publishing;
        this.consuming = consuming;
        this.publishers = new PublisherPool(publishing, settings.publisherChannels());
    }

    public static AmqpBus connect(Settings settings) {
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(settings.uri());
        } catch (Exception e) {
            throw FlowgateException.invalid("Not an AMQP URI: " + e.getMessage());
        }
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setTopologyRecoveryFilter(new TransientTopologyRecovery());
        factory.setNetworkRecoveryInterval(1_000);
        factory.setRequestedHeartbeat(15);
        factory.setConnectionTimeout(10_000);
        try {
            Connection publishing = factory.newConnection(settings.connectionName() + "-publish");
            Connection consuming = factory.newConnection(settings.connectionName() + "-consume");
            LOG.info("Connected to the AMQP broker at {}", redacted(settings.uri()));
            return new AmqpBus(settings, publishing, consuming);
        } catch (Exception e) {
            throw FlowgateException.unavailable("Cannot connect to the AMQP broker at " + redacted(settings.uri()) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public CompletableFuture<Void> publish(Outgoing message) {
        return publishers.publish(message);
    }

    @Override
    public Subscription consume(String queue, int prefetch, Handler handler) {
        return consume(queue, prefetch, handler, false);
    }

    @Override
    public Subscription consumePrivateQueue(String name, int prefetch, Handler handler) {
        return consume(name, prefetch, handler, true);
    }

    /**
     * Consumes on a channel of its own. A private (exclusive) queue is declared on that channel's
     * connection and handled in arrival order on the client's dispatch thread; other queues hand each
     * delivery to a virtual thread.
     */
    private Subscription consume(String queue, int prefetch, Handler handler, boolean declarePrivate) {
        Channel channel = null;
        try {
            channel = consuming.createChannel();
            if (declarePrivate) {
                channel.queueDeclare(queue, false, true, true, null);
            }
            channel.basicQos(prefetch);
            AmqpSubscription subscription = new AmqpSubscription(channel, queue);
            subscription.started(channel.basicConsume(queue, false, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                    var delivery = new AmqpDelivery(getChannel(), envelope, properties, body);
                    if (declarePrivate) {
                        handle(handler, delivery);
                    } else {
                        handlers.execute(() -> handle(handler, delivery));
                    }
                }

                @Override
                public void handleCancel(String consumerTag) {
                    LOG.warn("The broker cancelled the consumer of {} (queue deleted or moved); it will be replaced", queue);
                    subscription.cancelledByBroker();
                }
            }));
            return subscription;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw AmqpErrors.translate("consume " + queue, e);
        }
    }

    private static void handle(Handler handler, AmqpDelivery delivery) {
        try {
            handler.handle(delivery);
        } catch (RuntimeException e) {
            LOG.error("Handler failed on message {}; it stays unacknowledged until the channel closes", delivery.messageId(), e);
        }
    }

    @Override
    public void declareExchange(String name, String type) {
        onOwnChannel("declare exchange " + name, channel -> channel.exchangeDeclare(name, type, true));
    }

    @Override
    public void declareQueue(String name, Map<String, String> bindings) {
        onOwnChannel("declare queue " + name, channel -> {
            channel.queueDeclare(name, true, false, false, settings.queueArguments().isEmpty() ? null : settings.queueArguments());
            for (Map.Entry<String, String> binding : bindings.entrySet()) {
                channel.queueBind(name, binding.getKey(), binding.getValue());
            }
            return null;
        });
    }

    @Override
    public void bind(String queue, String exchange, String routingKey) {
        onOwnChannel("bind " + queue + " to " + exchange, channel -> channel.queueBind(queue, exchange, routingKey));
    }

    @Override
    public void unbind(String queue, String exchange, String routingKey) {
        onOwnChannel("unbind " + queue + " from " + exchange, channel -> channel.queueUnbind(queue, exchange, routingKey));
    }

    @Override
    public void deleteQueue(String name) {
        try {
            onOwnChannel("delete queue " + name, channel -> channel.queueDelete(name));
        } catch (FlowgateException e) {
            if (!AmqpErrors.isNotFound(e)) {
                throw e;
            }
        }
    }

    @Override
    public long depth(String queue) {
        try {
            return onOwnChannel("look up queue " + queue, channel -> channel.queueDeclarePassive(queue)).getMessageCount();
        } catch (FlowgateException e) {
            return -1;
        }
    }

    @Override
    public boolean isHealthy() {
        return publishing.isOpen() && consuming.isOpen();
    }

    @Override
    public void close() {
        handlers.shutdown();
        closeQuietly(consuming);
        closeQuietly(publishing);
    }

    private interface ChannelCall<T> {
        T call(Channel channel) throws IOException;
    }

    /** Runs one broker call on a channel opened for it, so that a refusal closes nothing that others use. */
    private <T> T onOwnChannel(String what, ChannelCall<T> call) {
        try (Channel channel = publishing.createChannel()) {
            return call.call(channel);
        } catch (IOException | TimeoutException | RuntimeException e) {
            throw AmqpErrors.translate(what, e);
        }
    }

    static void closeQuietly(Channel channel) {
        try {
            if (channel != null && channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            LOG.debug("Closing channel", e);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            if (connection.isOpen()) {
                connection.close(5_000);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Closing connection", e);
        }
    }

    static String redacted(String uri) {
        return uri.replaceAll("//([^:@/]+):[^@/]*@", "//$1:***@");
    }
}
