package io.flowgate.services.workspaces;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.IdGenerator;
import io.flowgate.core.flow.Flow;
import io.flowgate.core.port.Page;
import io.flowgate.core.port.Store;
import io.flowgate.core.workspace.Action;
import io.flowgate.core.workspace.Member;
import io.flowgate.core.workspace.Role;
import io.flowgate.core.workspace.Workspace;
import io.flowgate.services.Names;
import io.flowgate.services.auth.Access;
import io.flowgate.services.auth.Caller;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Workspaces: whoever creates one is its owner. Deleting one deletes everything in it; {@code flowsDeleted}
 * then hears of its flows, whose broker queues outlive the database rows otherwise.
 */
public final class WorkspaceService {

    private final Store store;
    private final IdGenerator ids;
    private final Clock clock;
    private final Consumer<List<Flow>> flowsDeleted;

    public WorkspaceService(Store store, IdGenerator ids, Clock clock, Consumer<List<Flow>> flowsDeleted) {
        this.store = store;
        this.ids = ids;
        this.clock = clock;
        this.flowsDeleted = flowsDeleted;
    }

    public Workspace create(Caller caller, String name) {
        String checked = Names.require(name, "attributes.name");
        var now = clock.instant();
        Workspace workspace = new Workspace(ids.next(), checked, now, now);
        return store.transact(tx -> {
            tx.workspaces().insert(workspace);
            tx.workspaces().putMember(new Member(workspace.id(), caller.userId(), Set.of(Role.OWNER), now));
            return workspace;
        });
    }

    public Workspace get(Caller caller, UUID id) {
        return store.read(tx -> {
            Access.require(tx, caller, id, Action.READ);
            return tx.workspaces().find(id).orElseThrow();
        });
    }

    public Page.Result<Workspace> list(Caller caller, Page page) {
        return store.read(tx -> tx.workspaces().list(caller.isAdmin() ? null : caller.userId(), page));
    }

    public Workspace rename(Caller caller, UUID id, String name) {
        String checked = Names.require(name, "attributes.name");
        return store.transact(tx -> {
            Access.require(tx, caller, id, Action.MANAGE_WORKSPACE);
            Workspace current = tx.workspaces().find(id).orElseThrow();
            Workspace renamed = new Workspace(id, checked, current.createdAt(), clock.instant());
            tx.workspaces().update(renamed);
            return renamed;
        });
    }

    public void delete(Caller caller, UUID id) {
        List<Flow> flows = store.transact(tx -> {
            Access.require(tx, caller, id, Action.DELETE_WORKSPACE);
            List<Flow> inWorkspace = tx.flows().inWorkspace(id);
            tx.workspaces().delete(id);
            return inWorkspace;
        });
        flowsDeleted.accept(flows);
    }

}
