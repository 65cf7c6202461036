package io.flowgate.services.ingress;

import io.flowgate.core.port.MessageBus;
import io.flowgate.core.port.Topology;
import io.flowgate.runtime.engine.SyncReply;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sync webhook callers waiting on this node. A caller is registered before its trigger message is
 * published, so a reply can never arrive before anyone listens; replies come to this node's private
 * queue from whichever node ran the reply step. The first reply for an execution wins.
 */
public final class ReplyWaiters implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyWaiters.class);

    private final String queue;
    private final Map<UUID, CompletableFuture<SyncReply>> waiting = new ConcurrentHashMap<>();
    private final MessageBus.Subscription subscription;

    public ReplyWaiters(MessageBus bus, String nodeId) {
        this.queue = Topology.replyQueue(nodeId);
        this.subscription = bus.consumePrivateQueue(queue, 1_000, this::receive);
    }

    /** The queue replies for this node are sent to. */
    public String queue() {
        return queue;
    }

    public CompletableFuture<SyncReply> expect(UUID executionId) {
        CompletableFuture<SyncReply> future = new CompletableFuture<>();
        waiting.put(executionId, future);
        return future;
    }

    public void forget(UUID executionId) {
        waiting.remove(executionId);
    }

    private void receive(MessageBus.Delivery delivery) {
        try {
            SyncReply reply = SyncReply.decode(delivery.body());
            CompletableFuture<SyncReply> future = waiting.remove(reply.executionId());
            if (future != null) {
                future.complete(reply);
            }
        } catch (RuntimeException e) {
            LOG.warn("Ignoring an unreadable sync reply: {}", e.getMessage());
        } finally {
            delivery.ack();
        }
    }

    @Override
    public void close() {
        subscription.close();
    }
}
