package io.flowgate.core.port;

import io.flowgate.core.flow.Flow;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface FlowRepository {

    /**
     * What a flow list may be narrowed to. Null fields do not narrow. {@code status} is the wire word
     * ({@code active}, {@code inactive}); {@code nameContains} ignores case.
     */
    record Filter(UUID workspaceId, String status, String nameContains) {
    }

    /** Inserts a new flow and its first version. */
    void insert(Flow flow, UUID userId);

    /** Stores the flow as it is now; a new definition version is kept when {@code newVersion}. */
    void update(Flow flow, boolean newVersion, UUID userId);

    /** Deletes the flow with all its versions. */
    void delete(UUID id);

    Optional<Flow> find(UUID id);

    /** The flow as it was at {@code version} (its status is the current one). */
    Optional<Flow> findVersion(UUID id, int version);

    /** Every version of the flow, first to last, as {@link #findVersion} gives them. */
    List<Flow> versions(UUID id);

    /** One page of the flows the filter admits, oldest first, with the total count. */
    Page.Result<Flow> list(Filter filter, Page page);

    /** Every flow that is active now, in any workspace. */
    List<Flow> active();
}
