package io.flowgate.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.ReturnListener;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.port.MessageBus;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One channel in confirm mode. Publishing never waits for the broker: each message gets a future that
 * the broker's (possibly batched) confirm completes, so many callers share the round trips.
 *
 * <p>A mandatory message that no queue takes comes back as a return, matched to the message by its id.
 * RabbitMQ returns it before it acks it; Qpid Broker-J nacks it first and returns it right after. So a
 * nacked message is settled only after a round trip on the channel, when any return the broker sent for
 * it has been seen: returned, it fails as NOT_FOUND; otherwise as UNAVAILABLE (it may not be durable),
 * as does every pending message when the channel closes, and any message left unsettled for a minute.
 */
final class ConfirmingPublisher implements ConfirmListener, ReturnListener {

    /** A published message the broker has not settled yet. */
    private static final class Pending {
        final String messageId;
        final CompletableFuture<Void> future = new CompletableFuture<>();
        final long publishedAt = System.nanoTime();
        volatile boolean returned;
        volatile boolean nacked;

        Pending(String messageId) {
            this.messageId = messageId;
        }
    }

    private static final Duration CONFIRM_DEADLINE = Duration.ofSeconds(60);
    private static final ScheduledExecutorService SWEEPER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("flowgate-confirm-deadlines").daemon().factory());

    private final Channel channel;
    private final ConcurrentNavigableMap<Long, Pending> pending = new ConcurrentSkipListMap<>();
    private final AtomicBoolean settlingNacks = new AtomicBoolean();
    private volatile boolean closedByBroker;

    ConfirmingPublisher(Channel channel) throws IOException {
        this.channel = channel;
        channel.confirmSelect();
        channel.addConfirmListener(this);
        channel.addReturnListener(this);
        ScheduledFuture<?> sweeping = SWEEPER.scheduleWithFixedDelay(this::giveUpOnStale, 10, 10, TimeUnit.SECONDS);
        channel.addShutdownListener(cause -> {
            closedByBroker = !cause.isHardError() && !cause.isInitiatedByApplication();
            failAll("the broker closed the channel: " + cause.getMessage());
            if (closedByBroker || cause.isInitiatedByApplication()) {
                sweeping.cancel(false); // this channel does not come back
            }
        });
    }

    CompletableFuture<Void> publish(MessageBus.Outgoing message) {
        Pending entry = new Pending(message.messageId());
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .deliveryMode(2)
                .contentType("application/json")
                .messageId(message.messageId())
                .type(message.type())
                .headers(message.headers().isEmpty() ? null : Map.copyOf(message.headers()))
                .timestamp(new java.util.Date())
                .build();
        synchronized (this) {
            long sequence = channel.getNextPublishSeqNo();
            pending.put(sequence, entry);
            try {
                channel.basicPublish(message.exchange(), message.routingKey(), message.mandatory(), properties, message.body());
            } catch (IOException | RuntimeException e) {
                pending.remove(sequence);
                entry.future.completeExceptionally(FlowgateException.unavailable("Cannot publish to the broker: " + e.getMessage(), e));
            }
        }
        return entry.future;
    }

    /**
     * Fails as UNAVAILABLE what the broker left unsettled too long (a confirm lost with a connection, while
     * the channel's sequence numbers started again after recovery), so that no publisher waits forever.
     */
    private void giveUpOnStale() {
        long now = System.nanoTime();
        pending.forEach((sequence, entry) -> {
            if (now - entry.publishedAt > CONFIRM_DEADLINE.toNanos() && pending.remove(sequence, entry)) {
                entry.future.completeExceptionally(FlowgateException.unavailable("The broker did not confirm message "
                        + entry.messageId + " within " + CONFIRM_DEADLINE.toSeconds() + " s", null));
            }
        });
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    /** True once the broker closed this channel for an error of its own: it will not come back, unlike after a lost connection. */
    boolean isClosedByBroker() {
        return closedByBroker;
    }

    int inFlight() {
        return pending.size();
    }

    @Override
    public void handleAck(long deliveryTag, boolean multiple) {
        for (Map.Entry<Long, Pending> settled : settled(deliveryTag, multiple)) {
            if (!settled.getValue().nacked && pending.remove(settled.getKey(), settled.getValue())) {
                complete(settled.getValue());
            }
        }
    }

    @Override
    public void handleNack(long deliveryTag, boolean multiple) {
        settled(deliveryTag, multiple).forEach(settled -> settled.getValue().nacked = true);
        settleNacksAfterRoundTrip();
    }

    /** Marks the oldest unsettled message with this id as returned: no queue took it. */
    @Override
    public void handleReturn(int replyCode, String replyText, String exchange, String routingKey,
                             AMQP.BasicProperties properties, byte[] body) {
        String messageId = properties.getMessageId();
        pending.values().stream()
                .filter(entry -> !entry.returned && entry.messageId != null && entry.messageId.equals(messageId))
                .findFirst()
                .ifPresent(entry -> entry.returned = true);
    }

    private List<Map.Entry<Long, Pending>> settled(long deliveryTag, boolean multiple) {
        if (multiple) {
            return List.copyOf(pending.headMap(deliveryTag, true).entrySet());
        }
        Pending one = pending.get(deliveryTag);
        return one == null ? List.of() : List.of(Map.entry(deliveryTag, one));
    }

    /**
     * Settles nacked messages once a round trip on the channel shows that every return sent before them has
     * arrived. It runs on a thread of its own: the broker's answers come on the connection's thread.
     */
    private void settleNacksAfterRoundTrip() {
        if (settlingNacks.compareAndSet(false, true)) {
            Thread.ofVirtual().name("flowgate-publisher-nacks").start(this::settleNacks);
        }
    }

    private void settleNacks() {
        try {
            List<Long> nacked = nackedSequences();
            while (!nacked.isEmpty()) {
                channel.basicQos(0);
                for (Long sequence : nacked) {
                    Pending entry = pending.remove(sequence);
                    if (entry != null) {
                        complete(entry);
                    }
                }
                nacked = nackedSequences();
            }
        } catch (IOException | RuntimeException e) {
            failAll("the broker channel failed: " + e.getMessage());
        } finally {
            settlingNacks.set(false);
            if (!nackedSequences().isEmpty()) {
                settleNacksAfterRoundTrip();
            }
        }
    }

    private List<Long> nackedSequences() {
        return pending.entrySet().stream().filter(entry -> entry.getValue().nacked).map(Map.Entry::getKey).toList();
    }

    private static void complete(Pending entry) {
        if (entry.returned) {
            entry.future.completeExceptionally(FlowgateException.notFound("No queue takes message " + entry.messageId));
        } else if (entry.nacked) {
            entry.future.completeExceptionally(FlowgateException.unavailable("The broker refused message " + entry.messageId, null));
        } else {
            entry.future.complete(null);
        }
    }

    private void failAll(String reason) {
        for (Long sequence : pending.keySet()) {
            Pending entry = pending.remove(sequence);
            if (entry != null) {
                entry.future.completeExceptionally(FlowgateException.unavailable(reason, null));
            }
        }
    }
}
