package io.flowgate.runtime.engine;

import io.flowgate.core.message.StepMessage;
import io.flowgate.core.port.MessageBus;
import io.flowgate.core.port.Topology;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Puts step messages and sync replies on the broker. */
public final class StepDispatcher {

    private final MessageBus bus;

    public StepDispatcher(MessageBus bus) {
        this.bus = bus;
    }

    /** Publishes to the flow's queue; completes when the broker confirmed. */
    public CompletableFuture<Void> send(StepMessage message) {
        return bus.publish(new MessageBus.Outgoing(Topology.WORK_EXCHANGE, Topology.flowRoutingKey(message.flowId()),
                message.messageId() + "/" + message.attempt(), Topology.STEP_MESSAGE_TYPE, Map.of(),
                StepMessageCodec.encode(message), true));
    }

    public CompletableFuture<Void> sendAll(List<StepMessage> messages) {
        return CompletableFuture.allOf(messages.stream().map(this::send).toArray(CompletableFuture[]::new));
    }

    /** Sends a sync reply to the node waiting for it; a node that has gone simply does not get it. */
    public CompletableFuture<Void> reply(String replyTo, SyncReply reply) {
        return bus.publish(new MessageBus.Outgoing("", replyTo, reply.executionId().toString(),
                Topology.REPLY_MESSAGE_TYPE, Map.of(), reply.encode(), false));
    }
}
