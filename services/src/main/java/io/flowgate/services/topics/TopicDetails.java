package io.flowgate.services.topics;

import io.flowgate.core.topic.Topic;
import java.util.List;
import java.util.UUID;

/** A topic with its message counters and its subscriptions. */
public record TopicDetails(Topic topic, long published, List<SubscriptionStats> subscriptions) {

    /**
     * A flow that subscribes to the topic: messages it received ({@code delivered}, one execution each), and
     * those waiting in its queue ({@code backlog}, null when the broker cannot tell).
     */
    public record SubscriptionStats(UUID flowId, String flowName, boolean active, long delivered, Long backlog) {
    }
}
