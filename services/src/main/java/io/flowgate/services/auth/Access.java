package io.flowgate.services.auth;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.port.StoreTx;
import io.flowgate.core.workspace.Action;
import io.flowgate.core.workspace.Member;
import io.flowgate.core.workspace.Role;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The one place permission checks happen. A workspace the caller does not belong to answers NOT_FOUND,
 * so its existence does not leak; a role that may not do the action answers FORBIDDEN. Platform admins
 * act as owners everywhere.
 */
public final class Access {

    private Access() {
    }

    public static Member require(StoreTx tx, Caller caller, UUID workspaceId, Action action) {
        Member member = membership(tx, caller, workspaceId);
        if (!member.may(action)) {
            throw FlowgateException.forbidden("Your role in this workspace does not allow this ("
                    + action.name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        return member;
    }

    /**
     * Like {@link #require}, for a resource found by its own id (a flow, an execution): a caller outside its
     * workspace gets the resource's own not-found error, so neither the resource nor its workspace leaks.
     */
    public static Member requireFor(StoreTx tx, Caller caller, UUID workspaceId, Action action,
                                    Supplier<FlowgateException> notFound) {
        try {
            return require(tx, caller, workspaceId, action);
        } catch (FlowgateException e) {
            throw e.kind() == FlowgateException.Kind.NOT_FOUND ? notFound.get() : e;
        }
    }

    /** The workspaces whose events and executions the caller may read; null means all (an admin). */
    public static List<UUID> readableWorkspaces(StoreTx tx, Caller caller) {
        return caller.isAdmin() ? null : tx.workspaces().workspaceIdsOf(caller.userId());
    }

    private static Member membership(StoreTx tx, Caller caller, UUID workspaceId) {
        if (caller.isAdmin()) {
            if (tx.workspaces().find(workspaceId).isEmpty()) {
                throw notFound(workspaceId);
            }
            return new Member(workspaceId, caller.userId(), Set.of(Role.OWNER), Instant.EPOCH);
        }
        return tx.workspaces().member(workspaceId, caller.userId()).orElseThrow(() -> notFound(workspaceId));
    }

    private static FlowgateException notFound(UUID workspaceId) {
        return FlowgateException.notFound("Workspace " + workspaceId + " does not exist");
    }
}
