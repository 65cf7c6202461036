package io.flowgate.services.ingress;

import io.flowgate.core.flow.Flow;
import io.flowgate.core.port.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Flows as the webhook path looks them up, cached for a short while so a busy webhook does not read the
 * database per request. Changes made on this node evict at once; changes on other nodes are seen within
 * the time-to-live.
 */
public final class FlowDirectory {

    private record Entry(Optional<Flow> flow, Instant loadedAt) {
    }

    private static final int MAX_ENTRIES = 100_000;

    private final Store store;
    private final Clock clock;
    private final Duration timeToLive;
    private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();

    public FlowDirectory(Store store, Clock clock, Duration timeToLive) {
        this.store = store;
        this.clock = clock;
        this.timeToLive = timeToLive;
    }

    public Optional<Flow> find(UUID flowId) {
        Instant now = clock.instant();
        Entry entry = entries.get(flowId);
        if (entry != null && entry.loadedAt().plus(timeToLive).isAfter(now)) {
            return entry.flow();
        }
        Optional<Flow> flow = store.read(tx -> tx.flows().find(flowId));
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(flowId, new Entry(flow, now));
        return flow;
    }

    public void evictAll() {
        entries.clear();
    }
}
