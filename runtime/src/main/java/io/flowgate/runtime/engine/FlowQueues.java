package io.flowgate.runtime.engine;

import io.flowgate.core.port.MessageBus;
import io.flowgate.core.port.Topology;
import java.util.Map;
import java.util.UUID;

/** The broker side of a flow's life: its queue exists from the first start until the flow is deleted. */
public final class FlowQueues {

    private final MessageBus bus;

    public FlowQueues(MessageBus bus) {
        this.bus = bus;
    }

    public void declareTopology() {
        bus.declareExchange(Topology.WORK_EXCHANGE, "direct");
        bus.declareExchange(Topology.TOPICS_EXCHANGE, "topic");
        bus.declareExchange(Topology.EVENTS_EXCHANGE, "topic");
    }

    public void ensure(UUID flowId) {
        bus.declareQueue(Topology.flowQueue(flowId), Map.of(Topology.WORK_EXCHANGE, Topology.flowRoutingKey(flowId)));
    }

    public void delete(UUID flowId) {
        bus.deleteQueue(Topology.flowQueue(flowId));
    }

    /** Messages waiting in the flow's queue, -1 when the broker cannot tell. */
    public long backlog(UUID flowId) {
        return bus.depth(Topology.flowQueue(flowId));
    }
}
