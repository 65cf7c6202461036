package io.flowgate.services.topics;

import io.flowgate.core.flow.Flow;
import io.flowgate.core.port.StoreTx;
import io.flowgate.runtime.topics.FlowTopics;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/** The flows of a workspace that use a topic: those whose graph mentions its name, looked at one by one. */
final class TopicUsers {

    private TopicUsers() {
    }

    /** Flows with a {@code topic}/{@code subscribe} or {@code topic}/{@code publish} step naming the topic. */
    static List<Flow> of(StoreTx tx, UUID workspaceId, String topicName) {
        return matching(tx, workspaceId, topicName, flow -> FlowTopics.uses(flow, topicName));
    }

    /** Flows whose trigger subscribes to the topic. */
    static List<Flow> subscribers(StoreTx tx, UUID workspaceId, String topicName) {
        return matching(tx, workspaceId, topicName, flow -> FlowTopics.subscribed(flow).filter(topicName::equals).isPresent());
    }

    private static List<Flow> matching(StoreTx tx, UUID workspaceId, String topicName, Predicate<Flow> test) {
        return tx.topics().flowsMentioning(workspaceId, topicName).stream()
                .map(id -> tx.flows().find(id))
                .flatMap(Optional::stream)
                .filter(test)
                .toList();
    }
}
