package io.flowgate.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.ReturnListener;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.port.MessageBus;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * One channel in confirm mode. Publishing never waits for the broker: each message gets a future that
 * the broker's (possibly batched) confirm completes, so many callers share the round trips.
 *
 * <p>A mandatory message that no queue takes comes back as a return before its confirm (RabbitMQ then
 * acks it, Qpid nacks it); either way its future fails as NOT_FOUND. A nack or a closed channel fails
 * it as UNAVAILABLE: the message may not be durable.
 */
final class ConfirmingPublisher implements ConfirmListener, ReturnListener {

    private record Pending(String messageId, CompletableFuture<Void> future) {
    }

    private final Channel channel;
    private final ConcurrentNavigableMap<Long, Pending> pending = new ConcurrentSkipListMap<>();
    private final Set<String> returned = ConcurrentHashMap.newKeySet();

    ConfirmingPublisher(Channel channel) throws IOException {
        this.channel = channel;
        channel.confirmSelect();
        channel.addConfirmListener(this);
        channel.addReturnListener(this);
        channel.addShutdownListener(cause -> failAll("the broker connection closed: " + cause.getMessage()));
    }

    CompletableFuture<Void> publish(MessageBus.Outgoing message) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .deliveryMode(2)
                .contentType("application/json")
                .messageId(message.messageId())
                .type(message.type())
                .headers(message.headers().isEmpty() ? null : Map.copyOf(message.headers()))
                .timestamp(new java.util.Date())
                .build();
        synchronized (this) {
            try {
                long sequence = channel.getNextPublishSeqNo();
                pending.put(sequence, new Pending(message.messageId(), future));
                channel.basicPublish(message.exchange(), message.routingKey(), message.mandatory(), properties, message.body());
            } catch (IOException | RuntimeException e) {
                future.completeExceptionally(FlowgateException.unavailable("Cannot publish to the broker: " + e.getMessage(), e));
            }
        }
        return future;
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    int inFlight() {
        return pending.size();
    }

    @Override
    public void handleAck(long deliveryTag, boolean multiple) {
        settle(deliveryTag, multiple, true);
    }

    @Override
    public void handleNack(long deliveryTag, boolean multiple) {
        settle(deliveryTag, multiple, false);
    }

    @Override
    public void handleReturn(int replyCode, String replyText, String exchange, String routingKey,
                             AMQP.BasicProperties properties, byte[] body) {
        if (properties.getMessageId() != null) {
            returned.add(properties.getMessageId());
        }
    }

    private void settle(long deliveryTag, boolean multiple, boolean acked) {
        Map<Long, Pending> settled = multiple ? pending.headMap(deliveryTag, true) : single(deliveryTag);
        for (Map.Entry<Long, Pending> entry : Map.copyOf(settled).entrySet()) {
            pending.remove(entry.getKey());
            complete(entry.getValue(), acked);
        }
    }

    private Map<Long, Pending> single(long deliveryTag) {
        Pending one = pending.get(deliveryTag);
        return one == null ? Map.of() : Map.of(deliveryTag, one);
    }

    private void complete(Pending message, boolean acked) {
        if (returned.remove(message.messageId())) {
            message.future().completeExceptionally(FlowgateException.notFound("No queue takes message " + message.messageId()));
        } else if (acked) {
            message.future().complete(null);
        } else {
            message.future().completeExceptionally(FlowgateException.unavailable("The broker refused message " + message.messageId(), null));
        }
    }

    private void failAll(String reason) {
        for (Long sequence : pending.keySet()) {
            Pending message = pending.remove(sequence);
            if (message != null) {
                message.future().completeExceptionally(FlowgateException.unavailable(reason, null));
            }
        }
        returned.clear();
    }
}
