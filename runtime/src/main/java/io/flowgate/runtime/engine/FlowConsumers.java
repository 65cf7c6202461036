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
 * starts or stops on this node and periodically, to follow changes made on other nodes.
 */
public final class FlowConsumers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FlowConsumers.class);

    private final Store store;
    private final MessageBus bus;
    private final FlowQueues queues;
    private final StepWorker worker;
    private final int prefetch;
    private final Map<UUID, MessageBus.Subscription> consumers = new ConcurrentHashMap<>();

    public FlowConsumers(Store store, MessageBus bus, FlowQueues queues, StepWorker worker, int prefetch) {
        this.store = store;
        this.bus = bus;
        this.queues = queues;
        this.worker = worker;
        this.prefetch = prefetch;
    }

    public synchronized void sync() {
        Set<UUID> active = store.read(tx -> tx.flows().active()).stream().map(Flow::id).collect(Collectors.toSet());
        for (UUID flowId : active) {
            if (!consumers.containsKey(flowId)) {
                queues.ensure(flowId);
                consumers.put(flowId, bus.consume(Topology.flowQueue(flowId), prefetch, worker.forFlow(flowId)));
                LOG.debug("Consuming flow {}", flowId);
            }
        }
        for (UUID flowId : Set.copyOf(consumers.keySet())) {
            if (!active.contains(flowId)) {
                consumers.remove(flowId).close();
                LOG.debug("Stopped consuming flow {}", flowId);
            }
        }
    }

    public int count() {
        return consumers.size();
    }

    @Override
    public synchronized void close() {
        consumers.values().forEach(MessageBus.Subscription::close);
        consumers.clear();
    }
}
