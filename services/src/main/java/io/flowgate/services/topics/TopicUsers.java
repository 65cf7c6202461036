package io.flowgate.services.topics;

import io.flowgate.core.flow.Flow;
import io.flowgate.core.port.FlowRepository;
import io.flowgate.core.port.Page;
import io.flowgate.core.port.StoreTx;
import io.flowgate.runtime.topics.FlowTopics;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The flows of a workspace that use a topic, found by reading the workspace's flows page by page. */
final class TopicUsers {

    private TopicUsers() {
    }

    /** Flows with a {@code topic}/{@code subscribe} or {@code topic}/{@code publish} step naming the topic. */
    static List<Flow> of(StoreTx tx, UUID workspaceId, String topicName) {
        return matching(tx, workspaceId, flow -> FlowTopics.uses(flow, topicName));
    }

    /** Flows whose trigger subscribes to the topic. */
    static List<Flow> subscribers(StoreTx tx, UUID workspaceId, String topicName) {
        return matching(tx, workspaceId, flow -> FlowTopics.subscribed(flow).filter(topicName::equals).isPresent());
    }

    private static List<Flow> matching(StoreTx tx, UUID workspaceId, java.util.function.Predicate<Flow> test) {
        List<Flow> found = new ArrayList<>();
        var filter = new FlowRepository.Filter(workspaceId, null, null);
        Page.Result<Flow> page = tx.flows().list(filter, new Page(1, Page.MAX_SIZE));
        while (true) {
            page.items().stream().filter(test).forEach(found::add);
            if (!page.hasNext()) {
                return found;
            }
            page = tx.flows().list(filter, new Page(page.page().number() + 1, Page.MAX_SIZE));
        }
    }
}
