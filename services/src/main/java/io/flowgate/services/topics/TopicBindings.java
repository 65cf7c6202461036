package io.flowgate.services.topics;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.FlowgateException.Problem;
import io.flowgate.core.flow.Flow;
import io.flowgate.core.port.Store;
import io.flowgate.core.port.StoreTx;
import io.flowgate.core.port.Topology;
import io.flowgate.runtime.engine.FlowQueues;
import io.flowgate.runtime.topics.FlowTopics;
import io.flowgate.services.flows.FlowLifecycle;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscriptions on the broker: while a flow whose trigger is {@code topic}/{@code subscribe} is active, its
 * queue is bound to {@code flowgate.topics} with the topic's routing key; stopping or deleting the flow
 * unbinds it. Messages published while a flow is stopped are therefore not delivered to it; those already
 * in its queue stay there until it starts again. Binding is idempotent, so every node binds the active
 * subscribers again when it starts.
 */
public final class TopicBindings implements FlowLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(TopicBindings.class);

    private final Store store;
    private final FlowQueues queues;
    private final Consumer<UUID> flowChanged;

    /** @param flowChanged told the id of every flow that changed or was deleted on this node (to drop cached copies) */
    public TopicBindings(Store store, FlowQueues queues, Consumer<UUID> flowChanged) {
        this.store = store;
        this.queues = queues;
        this.flowChanged = flowChanged;
    }

    /** Binds the queue of every active subscriber; returns how many. */
    public int bindActiveSubscribers() {
        List<Flow> active = store.read(tx -> tx.flows().active());
        int bound = 0;
        for (Flow flow : active) {
            Optional<String> topic = FlowTopics.subscribed(flow);
            if (topic.isPresent()) {
                queues.ensure(flow.id());
                queues.subscribe(flow.id(), Topology.topicRoutingKey(flow.workspaceId(), topic.get()));
                bound++;
            }
        }
        return bound;
    }

    /** A flow may only subscribe to a topic of its own workspace that exists. */
    @Override
    public void checking(StoreTx tx, Flow flow) {
        FlowTopics.subscribed(flow).ifPresent(topic -> {
            if (tx.topics().findByName(flow.workspaceId(), topic).isEmpty()) {
                int trigger = flow.graph().nodes().indexOf(flow.graph().trigger());
                throw FlowgateException.unprocessable("Invalid flow graph", List.of(Problem.at(
                        "/data/attributes/graph/nodes/" + trigger + "/fields/topic",
                        "there is no topic '" + topic + "' in this workspace: create it first")));
            }
        });
    }

    @Override
    public void started(Flow flow) {
        FlowTopics.subscribed(flow).ifPresent(topic -> queues.subscribe(flow.id(), routingKey(flow, topic)));
    }

    @Override
    public void stopped(Flow flow) {
        FlowTopics.subscribed(flow).ifPresent(topic -> unsubscribe(flow, topic));
    }

    /** An active flow that now subscribes to another topic (or none) is bound anew. */
    @Override
    public void updated(Flow previous, Flow current) {
        flowChanged.accept(current.id());
        Optional<String> before = FlowTopics.subscribed(previous);
        Optional<String> now = FlowTopics.subscribed(current);
        if (!current.isActive() || before.equals(now)) {
            return;
        }
        before.ifPresent(topic -> unsubscribe(current, topic));
        now.ifPresent(topic -> queues.subscribe(current.id(), routingKey(current, topic)));
    }

    /** The flow's queue is deleted with its bindings; unbinding first keeps no message coming meanwhile. */
    @Override
    public void deleted(Flow flow) {
        flowChanged.accept(flow.id());
        FlowTopics.subscribed(flow).ifPresent(topic -> unsubscribe(flow, topic));
    }

    /** Unbinds; a queue or binding that is not there (a flow that never ran) is already what we want. */
    private void unsubscribe(Flow flow, String topic) {
        try {
            queues.unsubscribe(flow.id(), routingKey(flow, topic));
        } catch (FlowgateException e) {
            if (e.kind() != FlowgateException.Kind.NOT_FOUND) {
                throw e;
            }
            LOG.debug("Flow {} had no binding to topic {}: {}", flow.id(), topic, e.getMessage());
        }
    }

    private static String routingKey(Flow flow, String topic) {
        return Topology.topicRoutingKey(flow.workspaceId(), topic);
    }
}
