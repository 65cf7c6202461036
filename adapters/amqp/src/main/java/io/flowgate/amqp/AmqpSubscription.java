package io.flowgate.amqp;

import com.rabbitmq.client.Channel;
import io.flowgate.core.port.MessageBus;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A consumer on a channel of its own: cancelled first, so deliveries in hand can still be acknowledged, then closed. */
final class AmqpSubscription implements MessageBus.Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(AmqpSubscription.class);

    private final Channel channel;
    private final String queue;
    private volatile String tag;
    private volatile boolean cancelledByBroker;

    AmqpSubscription(Channel channel, String queue) {
        this.channel = channel;
        this.queue = queue;
    }

    void started(String consumerTag) {
        this.tag = consumerTag;
    }

    void cancelledByBroker() {
        cancelledByBroker = true;
    }

    @Override
    public boolean isCancelledByBroker() {
        return cancelledByBroker;
    }

    @Override
    public void stopDeliveries() {
        try {
            if (tag != null && channel.isOpen() && !cancelledByBroker) {
                channel.basicCancel(tag);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Cancelling the consumer of {}", queue, e);
        }
    }

    @Override
    public void close() {
        stopDeliveries();
        AmqpBus.closeQuietly(channel);
    }
}
