package io.flowgate.runtime.topics;

import io.flowgate.core.flow.Flow;
import io.flowgate.core.flow.FlowNode;
import java.util.Optional;

/** The topics a flow refers to: the one its {@code topic}/{@code subscribe} trigger names, those its publish steps name. */
public final class FlowTopics {

    private FlowTopics() {
    }

    /** The topic the flow subscribes to, when its trigger is {@code topic}/{@code subscribe}. */
    public static Optional<String> subscribed(Flow flow) {
        FlowNode trigger = flow.graph().trigger();
        return trigger.is("topic", "subscribe") ? Optional.ofNullable(trigger.fieldText("topic", null)) : Optional.empty();
    }

    /** True when a {@code topic}/{@code subscribe} or {@code topic}/{@code publish} step of the flow names the topic. */
    public static boolean uses(Flow flow, String topicName) {
        return flow.graph().nodes().stream().anyMatch(node -> isTopicStep(node) && topicName.equals(node.fieldText("topic", null)));
    }

    private static boolean isTopicStep(FlowNode node) {
        return node.is("topic", "subscribe") || node.is("topic", "publish");
    }
}
