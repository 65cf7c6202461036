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

    public Optional<KnownTopic> find(UUID workspaceId, String name) {
        return topics.get(new Key(workspaceId, name),
                key -> store.read(tx -> tx.topics().findByName(key.workspaceId(), key.name())).map(KnownTopic::of));
    }

    public void evict(UUID workspaceId, String name) {
        topics.evict(new Key(workspaceId, name));
    }
}
