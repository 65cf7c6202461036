package io.flowgate.core.port;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.WireWord;
import io.flowgate.core.flow.Flow;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface FlowRepository {

    /**
     * What a flow list may be narrowed to. Null fields do not narrow; {@code workspaceIds} null means every
     * workspace. {@code status} is the wire word ({@code active}, {@code inactive}); {@code nameContains} ignores case.
     */
    record Filter(List<UUID> workspaceIds, String status, String nameContains) {
    }

    /** The order of a flow list, as the API's {@code sort} parameter says it ({@code -} for descending). */
    enum Order implements WireWord {
        NAME("name"), NAME_DESC("-name"), CREATED("created_at"), CREATED_DESC("-created_at"),
        UPDATED("updated_at"), UPDATED_DESC("-updated_at");

        private final String wire;

        Order(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }

        public boolean descending() {
            return wire.startsWith("-");
        }

        public static Order fromWire(String value) {
            return WireWord.parse(Order.class, value)
                    .orElseThrow(() -> FlowgateException.invalid("sort must be one of name, -name, created_at, -created_at, "
                    + "updated_at, -updated_at; got '" + value + "'"));
        }
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

    /** One page of the flows the filter admits, in the given order, with the total count. */
    Page.Result<Flow> list(Filter filter, Order order, Page page);

    /** The names of the workspace's flows whose graph has a node with {@code "key":"value"} (e.g. a credential id). */
    List<String> namesReferencing(UUID workspaceId, String key, String value);

    /** Every flow that is active now, in any workspace. */
    List<Flow> active();

    /** Every flow of the workspace, whatever its status. */
    List<Flow> inWorkspace(UUID workspaceId);
}
