package io.flowgate.runtime.topics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.Ids;
import io.flowgate.core.Json;
import io.flowgate.core.Timestamps;
import io.flowgate.core.flow.Flow;
import io.flowgate.core.message.StepMessage;
import io.flowgate.core.message.TopicMessage;
import io.flowgate.core.port.MessageBus;
import io.flowgate.core.port.Store;
import io.flowgate.core.port.Topology;
import io.flowgate.runtime.support.ExpiringCache;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns a topic message that arrived on a subscribing flow's queue into the trigger message of an
 * execution of that flow, or says why it cannot be one (then it becomes a dead letter).
 *
 * <p>The trigger's message id and execution id are derived from (flow id, topic message id), so the same
 * topic message coming again, redelivered by the broker or published again by a flow step that ran again,
 * never starts a second execution. The trigger's body is the TopicMessage; the execution's correlation id
 * is the message's {@code metadata.correlationId} (its id when it has none), so a chain of flows can be
 * followed.
 */
public final class TopicTriggers {

    /** What a delivery is: a trigger, or something that cannot be one. */
    public sealed interface Intake permits Trigger, Rejected {
    }

    /**
     * An execution to start, for message {@code topicMessageId} of topic {@code topicId};
     * {@code fromClient} when an AMQP client published it straight to the exchange.
     */
    public record Trigger(StepMessage message, UUID topicId, UUID topicMessageId, boolean fromClient) implements Intake {
    }

    /** Not a message this flow can run on, and why. {@code workspaceId} is null when the flow is gone. */
    public record Rejected(UUID workspaceId, String reason) implements Intake {
    }

    /** How the dead letters of topic messages name where they came from: this and the routing key. */
    private static final String DEAD_LETTER_SOURCE = "topic:";
    private static final Duration FLOW_TIME_TO_LIVE = Duration.ofSeconds(1);
    private static final int MAX_FLOWS = 100_000;

    private final Store store;
    private final TopicDirectory topics;
    private final TopicCounters counters;
    private final Clock clock;
    private final ExpiringCache<UUID, Optional<Flow>> flows;

    public TopicTriggers(Store store, TopicDirectory topics, TopicCounters counters, Clock clock) {
        this.store = store;
        this.topics = topics;
        this.counters = counters;
        this.clock = clock;
        this.flows = new ExpiringCache<>(clock, FLOW_TIME_TO_LIVE, MAX_FLOWS);
    }

    /** Reads a delivery from {@code flowgate.topics} on the queue of flow {@code flowId}. */
    public Intake read(UUID flowId, MessageBus.Delivery delivery) {
        boolean fromClient = !Boolean.TRUE.equals(delivery.headers().get(Topology.COUNTED_HEADER));
        return read(flowId, delivery.routingKey(), delivery.body(), delivery.messageId(), fromClient);
    }

    /**
     * Reads a message published to {@code flowgate.topics} with {@code routingKey} and the AMQP message id
     * {@code amqpMessageId} (null when none) for flow {@code flowId}; {@code fromClient} when an AMQP client
     * published it straight to the exchange (it has not been counted as published yet).
     */
    public Intake read(UUID flowId, String routingKey, byte[] body, String amqpMessageId, boolean fromClient) {
        Optional<Flow> found = flows.get(flowId, id -> store.read(tx -> tx.flows().find(id)));
        if (found.isEmpty()) {
            return new Rejected(null, "Flow " + flowId + " does not exist");
        }
        Flow flow = found.get();
        if (FlowTopics.subscribed(flow).isEmpty()) {
            return new Rejected(flow.workspaceId(), "Flow " + flowId + " does not subscribe to a topic (any more)");
        }
        String prefix = flow.workspaceId() + ".";
        if (routingKey == null || !routingKey.startsWith(prefix)) {
            return new Rejected(flow.workspaceId(), "Routing key '" + routingKey + "' names no topic of workspace " + flow.workspaceId());
        }
        return read(flow, routingKey.substring(prefix.length()), body, amqpMessageId, fromClient);
    }

    private Intake read(Flow flow, String topicName, byte[] body, String amqpMessageId, boolean fromClient) {
        Optional<KnownTopic> topic = topics.find(flow.workspaceId(), topicName);
        if (topic.isEmpty()) {
            return new Rejected(flow.workspaceId(), "Topic '" + topicName + "' does not exist in workspace " + flow.workspaceId());
        }
        TopicMessage message;
        try {
            message = IncomingTopicMessage.read(body, amqpMessageId, topicName,
                    Timestamps.millis(clock.instant()));
        } catch (FlowgateException e) {
            return new Rejected(flow.workspaceId(), "Not a topic message of '" + topicName + "': " + e.getMessage());
        }
        var problems = topic.get().problems(message.data(), "/data");
        if (!problems.isEmpty()) {
            return new Rejected(flow.workspaceId(), FlowgateException.unprocessable(
                    "The data does not match topic '" + topicName + "'", problems).detailWithProblems());
        }
        return new Trigger(trigger(flow, message), topic.get().topic().id(), message.id(), fromClient);
    }

    /** The source of a dead letter made of a topic message that was published with {@code routingKey}. */
    public static String deadLetterSource(String routingKey) {
        return DEAD_LETTER_SOURCE + routingKey;
    }

    /** The routing key of a dead letter made of a topic message; empty when it is no topic message. */
    public static Optional<String> routingKeyOf(String deadLetterSource) {
        return deadLetterSource.startsWith(DEAD_LETTER_SOURCE)
                ? Optional.of(deadLetterSource.substring(DEAD_LETTER_SOURCE.length())) : Optional.empty();
    }

    /** Counts a trigger whose execution has been recorded as delivered to its flow. */
    public void delivered(Trigger trigger) {
        counters.delivered(trigger.topicId(), trigger.message().flowId());
        if (trigger.fromClient()) {
            counters.clientMessage(trigger.topicId(), trigger.topicMessageId());
        }
    }

    /** Forgets what it knew of the flow (it changed on this node). */
    public void forget(UUID flowId) {
        flows.evict(flowId);
    }

    static StepMessage trigger(Flow flow, TopicMessage message) {
        UUID messageId = Ids.deriveInOrderOf(message.id(), "topic-trigger", flow.id(), message.id());
        UUID executionId = Ids.deriveInOrderOf(message.id(), "topic-execution", flow.id(), message.id());
        ObjectNode attributes = Json.object().put("trigger", "topic");
        return new StepMessage(messageId, null, executionId, flow.id(), flow.workspaceId(), flow.version(), flow.graph().trigger().id(), 1,
                message.toJson(), attributes, new StepMessage.TraceContext(message.id(), message.correlationId(), null));
    }
}
