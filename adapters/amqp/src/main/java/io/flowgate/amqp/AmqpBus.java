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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link MessageBus} on an AMQP 0-9-1 broker, with the RabbitMQ Java client. The same code serves
 * the embedded broker and RabbitMQ: it never rejects messages and declares queues without arguments
 * unless {@link Settings#queueArguments()} asks for some (RabbitMQ quorum queues).
 *
 * <p>Publishing and consuming use separate connections, as the broker may block a publishing
 * connection under memory pressure; both recover automatically, topology included.
 */
public final class AmqpBus implements MessageBus {

    /** Where the broker is and how queues are declared. */
    public record Settings(String uri, String connectionName, int publisherChannels, Map<String, Object> queueArguments) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(AmqpBus.class);

    private final Settings settings;
    private final Connection publishing;
    private final Connection consuming;
    private final List<ConfirmingPublisher> publishers = new ArrayList<>();
    private final AtomicInteger nextPublisher = new AtomicInteger();
    /** Declarations and deletions; a broker closes a channel on any refused call, so it is opened again as needed. */
    private Channel admin;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();

    private AmqpBus(Settings settings, Connection publishing, Connection consuming) throws IOException {
        this.settings = settings;
        this.publishing = publishing;
        this.consuming = consuming;
        for (int i = 0; i < settings.publisherChannels(); i++) {
            publishers.add(new ConfirmingPublisher(publishing.createChannel()));
        }
        this.admin = publishing.createChannel();
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
        ConfirmingPublisher publisher = publishers.get(Math.floorMod(nextPublisher.getAndIncrement(), publishers.size()));
        return publisher.publish(message);
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
        try {
            Channel channel = consuming.createChannel();
            if (declarePrivate) {
                channel.queueDeclare(queue, false, true, true, null);
            }
            channel.basicQos(prefetch);
            String tag = channel.basicConsume(queue, false, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                    var delivery = new AmqpDelivery(channel, envelope, properties, body);
                    if (declarePrivate) {
                        handle(handler, delivery);
                    } else {
                        handlers.execute(() -> handle(handler, delivery));
                    }
                }

                @Override
                public void handleCancel(String consumerTag) {
                    LOG.warn("The broker cancelled the consumer of {} (queue deleted?)", queue);
                }
            });
            return () -> cancel(channel, tag);
        } catch (IOException e) {
            throw FlowgateException.unavailable("Cannot consume " + queue + ": " + e.getMessage(), e);
        }
    }

    private static void handle(Handler handler, AmqpDelivery delivery) {
        try {
            handler.handle(delivery);
        } catch (RuntimeException e) {
            LOG.error("Handler failed on message {}; it stays unacknowledged until the channel closes", delivery.messageId(), e);
        }
    }

    private static void cancel(Channel channel, String tag) {
        try {
            if (channel.isOpen()) {
                channel.basicCancel(tag);
                channel.close();
            }
        } catch (IOException | java.util.concurrent.TimeoutException | com.rabbitmq.client.AlreadyClosedException e) {
            LOG.debug("Closing consumer channel", e);
        }
    }

    @Override
    public synchronized void declareExchange(String name, String type) {
        adminCall("declare exchange " + name, () -> admin.exchangeDeclare(name, type, true));
    }

    @Override
    public synchronized void declareQueue(String name, Map<String, String> bindings) {
        adminCall("declare queue " + name, () -> {
            admin.queueDeclare(name, true, false, false, settings.queueArguments().isEmpty() ? null : settings.queueArguments());
            for (Map.Entry<String, String> binding : bindings.entrySet()) {
                admin.queueBind(name, binding.getKey(), binding.getValue());
            }
        });
    }

    @Override
    public synchronized void bind(String queue, String exchange, String routingKey) {
        adminCall("bind " + queue, () -> admin.queueBind(queue, exchange, routingKey));
    }

    @Override
    public synchronized void unbind(String queue, String exchange, String routingKey) {
        adminCall("unbind " + queue, () -> admin.queueUnbind(queue, exchange, routingKey));
    }

    @Override
    public synchronized void deleteQueue(String name) {
        if (depth(name) < 0) {
            return;
        }
        adminCall("delete queue " + name, () -> admin.queueDelete(name));
    }

    @Override
    public long depth(String queue) {
        try (Channel channel = publishing.createChannel()) {
            return channel.queueDeclarePassive(queue).getMessageCount();
        } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public boolean isHealthy() {
        return publishing.isOpen() && consuming.isOpen() && publishers.stream().allMatch(ConfirmingPublisher::isOpen);
    }

    @Override
    public void close() {
        handlers.shutdown();
        closeQuietly(consuming);
        closeQuietly(publishing);
    }

    private interface AdminCall {
        void run() throws IOException;
    }

    private void adminCall(String what, AdminCall call) {
        try {
            if (!admin.isOpen()) {
                admin = publishing.createChannel();
            }
            call.run();
        } catch (IOException | RuntimeException e) {
            throw FlowgateException.unavailable("Broker refused to " + what + ": " + e.getMessage(), e);
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
