package io.flowgate.runtime.topics;

import io.flowgate.core.port.Store;
import io.flowgate.runtime.support.ExpiringCache;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Topics by workspace and name, with their schemas compiled, as publishers and subscribers look them up:
 * cached for {@value #TIME_TO_LIVE_MILLIS} ms so that neither reads the database per message. A topic
 * changed on this node is evicted at once; changes on other nodes are seen within the time-to-live.
 */
public final class TopicDirectory {

    private static final long TIME_TO_LIVE_MILLIS = 1_000;
    private static final int MAX_ENTRIES = 100_000;

    private record Key(UUID workspaceId, String name) {
    }

    private final Store store;
    private final ExpiringCache<Key, Optional<KnownTopic>> topics;

    public TopicDirectory(Store store, Clock clock) {
        this.store = store;
        this.topics = new ExpiringCache<>(clock, Duration.ofMillis(TIME_TO_LIVE_MILLIS), MAX_ENTRIES);
    }

    /** The topic; a topic that does not exist is not remembered, so one just created elsewhere is found at once. */
    public Optional<KnownTopic> find(UUID workspaceId, String name) {
        Key key = new Key(workspaceId, name);
        Optional<KnownTopic> topic = topics.get(key,
                k -> store.read(tx -> tx.topics().findByName(k.workspaceId(), k.name())).map(KnownTopic::of));
        if (topic.isEmpty()) {
            topics.evict(key);
        }
        return topic;
    }

    public void evict(UUID workspaceId, String name) {
        topics.evict(new Key(workspaceId, name));
    }
}
