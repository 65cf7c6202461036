package io.flowgate.core.port;

import io.flowgate.core.flow.Flow;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface FlowRepository {

    /** What a flow list may be narrowed to. Null fields do not narrow. */
    record Filter(UUID workspaceId, String status, String nameContains) {
    }

    /** Inserts a new flow and its first version. */
    void insert(Flow flow, UUID userId);

    /** Stores the flow as it is now; a new definition version is kept when {@code newVersion}. */
    void update(Flow flow, boolean newVersion, UUID userId);

    void delete(UUID id);

    Optional<Flow> find(UUID id);

    /** The flow as it was at {@code version} (its status is the current one). */
    Optional<Flow> findVersion(UUID id, int version);

    List<Flow> versions(UUID id);

    Page.Result<Flow> list(Filter filter, Page page);

    List<Flow> active();
}
