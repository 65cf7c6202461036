package io.flowgate.core.port;

import io.flowgate.core.topic.Topic;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Topics, their versions and their message counters. */
public interface TopicRepository {

    /** A subscription's counter key: the topic and the subscribing flow. */
    record Subscription(UUID topicId, UUID flowId) {
    }

    /** What the counters of one topic say: messages published, and delivered per subscribing flow. */
    record Counts(long published, Map<UUID, Long> deliveredByFlow) {
    }

    /** Inserts a new topic and its first version. */
    void insert(Topic topic, UUID userId);

    /** Stores the topic as it is now and keeps it as a new version. */
    void update(Topic topic, UUID userId);

    /** Deletes the topic with its versions and counters. */
    void delete(UUID id);

    Optional<Topic> find(UUID id);

    Optional<Topic> findByName(UUID workspaceId, String name);

    /** One page of the workspace's topics, by name, with the total count. */
    Page.Result<Topic> list(UUID workspaceId, Page page);

    /** Every version of the topic, first to last. */
    List<Topic> versions(UUID id);

    /**
     * The flows of the workspace whose stored graph mentions {@code topicName} anywhere: a coarse, cheap
     * filter (it may also find flows that mention the name in another field), so callers look at the graphs.
     */
    List<UUID> flowsMentioning(UUID workspaceId, String topicName);

    /** Adds to the published counters of these topics; topics that no longer exist are skipped. */
    void addPublished(Map<UUID, Long> byTopic);

    /** Adds to the delivered counters of these subscriptions; topics that no longer exist are skipped. */
    void addDelivered(Map<Subscription, Long> bySubscription);

    /**
     * Notes the ids of messages AMQP clients published, as subscribers took them; returns, per topic, how
     * many of them it had not noted before (topics that no longer exist are skipped).
     */
    Map<UUID, Long> noteClientMessages(Map<UUID, Set<UUID>> messageIdsByTopic, Instant seenAt);

    /** Forgets up to {@code limit} client message ids noted before {@code before}; returns how many. */
    int forgetClientMessagesBefore(Instant before, int limit);

    Counts counts(UUID topicId);
}
