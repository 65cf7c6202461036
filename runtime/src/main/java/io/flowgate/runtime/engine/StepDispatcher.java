package io.flowgate.runtime.engine;

import io.flowgate.core.message.StepMessage;
import io.flowgate.core.port.MessageBus;
import io.flowgate.core.port.Topology;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Puts step messages and sync replies on the broker. */
public final class StepDispatcher {

    /**
     * Marks a message sent again because the step run that emitted it was found already recorded: the message
     * may well have been processed already (a local hand-off, or a crash after sending), so its receiver looks
     * first whether it was, as for a redelivery, instead of running the step again.
     */
    static final String RESENT_HEADER = "flowgate-resent";

    private final MessageBus bus;

    public StepDispatcher(MessageBus bus) {
        this.bus = bus;
    }

    /** Publishes to the flow's queue; completes when the broker confirmed. */
    public CompletableFuture<Void> send(StepMessage message) {
        return publish(message, Map.of());
    }

    public CompletableFuture<Void> sendAll(List<StepMessage> messages) {
        return CompletableFuture.allOf(messages.stream().map(this::send).toArray(CompletableFuture[]::new));
    }

    /** Sends recorded emissions again, marked {@value #RESENT_HEADER}. */
    public CompletableFuture<Void> resendAll(List<StepMessage> messages) {
        return CompletableFuture.allOf(messages.stream().map(message -> publish(message, Map.of(RESENT_HEADER, true)))
                .toArray(CompletableFuture[]::new));
    }

    /** True for a delivery that the broker redelivered or that was sent again: it may have been processed before. */
    public static boolean maybeSeenBefore(MessageBus.Delivery delivery) {
        return delivery.redelivered() || Boolean.TRUE.equals(delivery.headers().get(RESENT_HEADER));
    }

    private CompletableFuture<Void> publish(StepMessage message, Map<String, Object> headers) {
        return bus.publish(new MessageBus.Outgoing(Topology.WORK_EXCHANGE, Topology.flowRoutingKey(message.flowId()),
                message.messageId() + "/" + message.attempt(), Topology.STEP_MESSAGE_TYPE, headers,
                StepMessageCodec.encode(message), true));
    }

    /** Sends a sync reply to the node waiting for it; a node that has gone simply does not get it. */
    public CompletableFuture<Void> reply(String replyTo, SyncReply reply) {
        return bus.publish(new MessageBus.Outgoing("", replyTo, reply.executionId().toString(),
                Topology.REPLY_MESSAGE_TYPE, Map.of(), reply.encode(), false));
    }
}
