package io.flowgate.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.LongString;
import io.flowgate.core.port.MessageBus;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A message received on a channel; acknowledging it is the only way it leaves the queue. */
final class AmqpDelivery implements MessageBus.Delivery {

    private static final Logger LOG = LoggerFactory.getLogger(AmqpDelivery.class);

    private final Channel channel;
    private final Envelope envelope;
    private final AMQP.BasicProperties properties;
    private final byte[] body;

    AmqpDelivery(Channel channel, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        this.channel = channel;
        this.envelope = envelope;
        this.properties = properties;
        this.body = body;
    }

    @Override
    public String messageId() {
        return properties.getMessageId();
    }

    @Override
    public String type() {
        return properties.getType();
    }

    /** The headers as sent: AMQP long strings become {@link String}s, other values keep their type. */
    @Override
    public Map<String, Object> headers() {
        Map<String, Object> headers = new HashMap<>();
        if (properties.getHeaders() != null) {
            properties.getHeaders().forEach((name, value) -> headers.put(name, plain(value)));
        }
        return headers;
    }

    private static Object plain(Object value) {
        return switch (value) {
            case LongString text -> text.toString();
            case List<?> list -> list.stream().map(AmqpDelivery::plain).toList();
            case null, default -> value;
        };
    }

    @Override
    public byte[] body() {
        return body;
    }

    @Override
    public boolean redelivered() {
        return envelope.isRedeliver();
    }

    @Override
    public String exchange() {
        return envelope.getExchange();
    }

    @Override
    public String routingKey() {
        return envelope.getRoutingKey();
    }

    @Override
    public void ack() {
        try {
            channel.basicAck(envelope.getDeliveryTag(), false);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not acknowledge message {}; the broker will deliver it again: {}", messageId(), e.getMessage());
        }
    }
}
