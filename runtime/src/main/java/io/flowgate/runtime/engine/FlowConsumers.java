package io.flowgate.runtime.engine;

import io.flowgate.core.flow.Flow;
import io.flowgate.core.port.MessageBus;
import io.flowgate.core.port.Store;
import io.flowgate.core.port.Topology;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one consumer on the queue of every active flow, so each flow is served on its own (a flow with a
 * huge backlog has its own queue and does not hold back the others). {@link #sync} is called when a flow
 * starts or stops on this node and periodically, to follow changes made on other nodes and to replace
 * consumers the broker cancelled.
 */
public final class FlowConsumers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FlowConsumers.class);

    private final Store store;
    private final MessageBus bus;
    private final FlowQueues queues;
    private final StepWorker worker;
    private final int prefetch;
    private final Map<UUID, MessageBus.Subscription> consumers = new ConcurrentHashMap<>();
    private boolean stopping;

    public FlowConsumers(Store store, MessageBus bus, FlowQueues queues, StepWorker worker, int prefetch) {
        this.store = store;
        this.bus = bus;
        this.queues = queues;
        this.worker = worker;
        this.prefetch = prefetch;
    }

    /**
     * Consumes the queue of every active flow and no other. A consumer the broker cancelled (its queue was
     * deleted, or moved to another broker node) is replaced, its queue declared again.
     */
    public synchronized void sync() {
        if (stopping) {
            return;
        }
        Set<UUID> active = store.read(tx -> tx.flows().active()).stream().map(Flow::id).collect(Collectors.toSet());
        for (UUID flowId : Set.copyOf(consumers.keySet())) {
            if (!active.contains(flowId) || consumers.get(flowId).isCancelledByBroker()) {
                consumers.remove(flowId).close();
                LOG.debug("Stopped consuming flow {}", flowId);
            }
        }
        for (UUID flowId : active) {
            if (!consumers.containsKey(flowId)) {
                queues.ensure(flowId);
                consumers.put(flowId, bus.consume(Topology.flowQueue(flowId), prefetch, worker.forFlow(flowId)));
                LOG.debug("Consuming flow {}", flowId);
            }
        }
    }

    public int count() {
        return consumers.size();
    }

    /**
     * Takes no more messages from the broker, for good; those in hand may still be finished and acknowledged
     * until {@link #close()}.
     */
    public synchronized void stopDeliveries() {
        stopping = true;
        consumers.values().forEach(MessageBus.Subscription::stopDeliveries);
    }

    @Override
    public synchronized void close() {
        stopping = true;
        consumers.values().forEach(MessageBus.Subscription::close);
        consumers.clear();
    }
}
