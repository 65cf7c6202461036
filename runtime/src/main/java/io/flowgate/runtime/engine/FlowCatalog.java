package io.flowgate.runtime.engine;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.flow.Flow;
import io.flowgate.core.port.Store;
import io.flowgate.runtime.component.ComponentCatalog;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prepared flow versions, loaded from the store once and kept: a version never changes, so the cache
 * needs no invalidation (deleted flows are evicted by {@link #forget}).
 */
public final class FlowCatalog {

    private record VersionKey(UUID flowId, int version) {
    }

    private static final int MAX_CACHED = 10_000;

    private final Store store;
    private final ComponentCatalog components;
    private final Map<VersionKey, PreparedFlow> versions = new ConcurrentHashMap<>();

    public FlowCatalog(Store store, ComponentCatalog components) {
        this.store = store;
        this.components = components;
    }

    /** The prepared flow at {@code version}; NOT_FOUND when the flow or that version does not exist. */
    public PreparedFlow version(UUID flowId, int version) {
        PreparedFlow cached = versions.get(new VersionKey(flowId, version));
        if (cached != null) {
            return cached;
        }
        Optional<Flow> flow = store.read(tx -> tx.flows().findVersion(flowId, version));
        Flow found = flow.orElseThrow(
                () -> FlowgateException.notFound("Flow " + flowId + " version " + version + " does not exist"));
        PreparedFlow prepared = new PreparedFlow(found, components.forWorkspace(found.workspaceId()));
        if (versions.size() >= MAX_CACHED) {
            versions.clear();
        }
        versions.put(new VersionKey(flowId, version), prepared);
        return prepared;
    }

    public void forget(UUID flowId) {
        versions.keySet().removeIf(key -> key.flowId().equals(flowId));
    }
}
