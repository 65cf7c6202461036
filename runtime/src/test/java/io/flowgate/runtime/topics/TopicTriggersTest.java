package io.flowgate.runtime.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowgate.core.Json;
import io.flowgate.core.flow.Flow;
import io.flowgate.core.flow.FlowEdge;
import io.flowgate.core.flow.FlowGraph;
import io.flowgate.core.flow.FlowNode;
import io.flowgate.core.flow.FlowStatus;
import io.flowgate.core.flow.FlowType;
import io.flowgate.core.message.StepMessage;
import io.flowgate.core.message.TopicMessage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The trigger a topic message becomes, and the topics a flow refers to. */
class TopicTriggersTest {

    private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void theTriggerIsTheTopicMessageWithIdsDerivedFromFlowAndMessage() {
        Flow flow = flow(node("on-order", "subscribe", "orders"), node("tell", "publish", "audit"));
        TopicMessage message = new TopicMessage(UUID.randomUUID(), "orders", Json.object().put("a", 1), AT, null, "chain-9");

        StepMessage trigger = TopicTriggers.trigger(flow, message);

        assertThat(trigger).isEqualTo(TopicTriggers.trigger(flow, message));
        assertThat(trigger.isTrigger()).isTrue();
        assertThat(trigger.stepId()).isEqualTo("on-order");
        assertThat(trigger.flowVersion()).isEqualTo(3);
        assertThat(trigger.body()).isEqualTo(message.toJson());
        assertThat(trigger.trace().correlationId()).isEqualTo("chain-9");
        assertThat(trigger.trace().requestId()).isEqualTo(message.id());
        assertThat(trigger.executionId()).isNotEqualTo(trigger.messageId());
        Flow other = flow(node("on-order", "subscribe", "orders"));
        assertThat(TopicTriggers.trigger(other, message).executionId()).isNotEqualTo(trigger.executionId());
    }

    @Test
    void aFlowSubscribesToItsTriggersTopicAndUsesEveryTopicItsStepsName() {
        Flow flow = flow(node("on-order", "subscribe", "orders"), node("tell", "publish", "audit"));

        assertThat(FlowTopics.subscribed(flow)).contains("orders");
        assertThat(FlowTopics.uses(flow, "orders")).isTrue();
        assertThat(FlowTopics.uses(flow, "audit")).isTrue();
        assertThat(FlowTopics.uses(flow, "other")).isFalse();
        Flow webhook = flow(new FlowNode("in", "webhook", "receive", Json.object(), null), node("tell", "publish", "audit"));
        assertThat(FlowTopics.subscribed(webhook)).isEmpty();
    }

    private static FlowNode node(String id, String function, String topic) {
        return new FlowNode(id, "topic", function, Json.object().put("topic", topic), null);
    }

    private static Flow flow(FlowNode... nodes) {
        List<FlowEdge> edges = nodes.length < 2 ? List.of() : List.of(new FlowEdge(nodes[0].id(), nodes[1].id()));
        return new Flow(UUID.randomUUID(), UUID.randomUUID(), "f", FlowType.ORDINARY, FlowStatus.ACTIVE,
                new FlowGraph(List.of(nodes), edges), null, 3, AT, AT);
    }
}
