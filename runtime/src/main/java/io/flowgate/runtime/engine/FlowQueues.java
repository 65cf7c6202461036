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

    /** Routes the messages of a topic ({@code <workspaceId>.<topicName>}) to the flow's queue as well; binding again changes nothing. */
    public void subscribe(UUID flowId, String topicRoutingKey) {
        bus.bind(Topology.flowQueue(flowId), Topology.TOPICS_EXCHANGE, topicRoutingKey);
    }

    /** Stops routing the topic's messages to the flow's queue; those already in it stay. */
    public void unsubscribe(UUID flowId, String topicRoutingKey) {
        bus.unbind(Topology.flowQueue(flowId), Topology.TOPICS_EXCHANGE, topicRoutingKey);
    }

    public void delete(UUID flowId) {
        bus.deleteQueue(Topology.flowQueue(flowId));
    }

    /** Messages waiting in the flow's queue, -1 when the broker cannot tell. */
    public long backlog(UUID flowId) {
        return bus.depth(Topology.flowQueue(flowId));
    }
}
