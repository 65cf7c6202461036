package io.flowgate.services.ingress;

import io.flowgate.core.flow.Flow;
import io.flowgate.core.port.Store;
import io.flowgate.runtime.support.ExpiringCache;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Flows as the webhook path looks them up, cached for a short while so a busy webhook does not read the
 * database per request. Changes made on this node evict at once; changes on other nodes are seen within
 * the time-to-live.
 */
public final class FlowDirectory {

    private static final int MAX_ENTRIES = 100_000;

    private final Store store;
    private final ExpiringCache<UUID, Optional<Flow>> flows;

    public FlowDirectory(Store store, Clock clock, Duration timeToLive) {
        this.store = store;
        this.flows = new ExpiringCache<>(clock, timeToLive, MAX_ENTRIES);
    }

    public Optional<Flow> find(UUID flowId) {
        return flows.get(flowId, id -> store.read(tx -> tx.flows().find(id)));
    }

    public void evictAll() {
        flows.evictAll();
    }
}
