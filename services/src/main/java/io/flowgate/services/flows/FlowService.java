package io.flowgate.services.flows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.IdGenerator;
import io.flowgate.core.Json;
import io.flowgate.core.event.WorkspaceActivityEvent.ActivityType;
import io.flowgate.core.event.WorkspaceActivityEvent.ResourceType;
import io.flowgate.core.flow.Flow;
import io.flowgate.core.flow.FlowGraph;
import io.flowgate.core.flow.FlowGraphJson;
import io.flowgate.core.flow.FlowStatus;
import io.flowgate.core.flow.FlowType;
import io.flowgate.core.Timestamps;
import io.flowgate.core.execution.Execution;
import io.flowgate.core.execution.ExecutionStatus;
import io.flowgate.core.message.StepMessage;
import io.flowgate.core.port.FlowRepository;
import io.flowgate.core.port.Page;
import io.flowgate.core.port.Store;
import io.flowgate.core.port.StoreTx;
import io.flowgate.core.workspace.Action;
import io.flowgate.runtime.component.ComponentCatalog;
import io.flowgate.runtime.engine.EventFactory;
import io.flowgate.runtime.engine.Executions;
import io.flowgate.runtime.engine.FlowCatalog;
import io.flowgate.runtime.engine.FlowQueues;
import io.flowgate.runtime.engine.StepDispatcher;
import io.flowgate.runtime.flow.FlowGraphValidator;
import io.flowgate.runtime.schedule.CronSchedule;
import io.flowgate.runtime.schedule.Scheduler;
import io.flowgate.services.Names;
import io.flowgate.services.auth.Access;
import io.flowgate.services.auth.Caller;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Flows: create, change (every change keeps a version), start, stop, run now, delete. Every change is
 * written with its WorkspaceActivityEvent in one transaction.
 */
public final class FlowService {

    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

    private final Store store;
    private final ComponentCatalog components;
    private final FlowQueues queues;
    private final FlowCatalog catalog;
    private final StepDispatcher dispatcher;
    private final EventFactory events;
    private final IdGenerator ids;
    private final Clock clock;
    private final List<FlowLifecycle> lifecycle;

    public FlowService(Store store, ComponentCatalog components, FlowQueues queues, FlowCatalog catalog,
                       StepDispatcher dispatcher, EventFactory events, IdGenerator ids, Clock clock, List<FlowLifecycle> lifecycle) {
        this.store = store;
        this.components = components;
        this.queues = queues;
        this.catalog = catalog;
        this.dispatcher = dispatcher;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
        this.lifecycle = List.copyOf(lifecycle);
    }

    public Flow create(Caller caller, FlowDraft draft) {
        if (draft.workspaceId() == null) {
            throw FlowgateException.invalid("relationships.workspace.data.id is required");
        }
        String name = Names.require(draft.name(), "attributes.name");
        FlowType type = draft.type() == null ? FlowType.ORDINARY : FlowType.fromWire(draft.type());
        store.read(tx -> Access.require(tx, caller, draft.workspaceId(), Action.WRITE_FLOWS));
        FlowGraph graph = checkGraph(draft.workspaceId(), draft.graph());
        var now = clock.instant();
        Flow flow = new Flow(ids.next(), draft.workspaceId(), name, type, FlowStatus.INACTIVE, graph, draft.cron(), 1, now, now);
        checkSchedule(flow);
        return store.transact(tx -> {
            Access.require(tx, caller, draft.workspaceId(), Action.WRITE_FLOWS);
            checkCredentials(tx, flow.workspaceId(), graph);
            lifecycle.forEach(listener -> listener.checking(tx, flow));
            tx.flows().insert(flow, caller.userId());
            activity(tx, flow, ActivityType.CREATED, caller);
            return flow;
        });
    }

    public Flow update(Caller caller, UUID id, FlowDraft draft) {
        Flow before = store.read(tx -> writable(tx, caller, id, Action.WRITE_FLOWS));
        FlowGraph graph = draft.graph() == null ? null : checkGraph(before.workspaceId(), draft.graph());
        Change change = store.transact(tx -> {
            Flow current = writable(tx, caller, id, Action.WRITE_FLOWS);
            Flow changed = current.withDefinition(
                    draft.name() == null ? current.name() : Names.require(draft.name(), "attributes.name"),
                    draft.type() == null ? current.type() : FlowType.fromWire(draft.type()),
                    graph == null ? current.graph() : graph,
                    draft.cron() == null ? current.cron() : draft.cron(), clock.instant());
            checkSchedule(changed);
            if (graph != null) {
                checkCredentials(tx, current.workspaceId(), graph);
            }
            lifecycle.forEach(listener -> listener.checking(tx, changed));
            tx.flows().update(changed, true, caller.userId());
            activity(tx, changed, ActivityType.UPDATED, caller);
            return new Change(current, changed);
        });
        lifecycle.forEach(listener -> listener.updated(change.previous(), change.current()));
        return change.current();
    }

    private record Change(Flow previous, Flow current) {
    }

    public void delete(Caller caller, UUID id) {
        Flow deleted = store.transact(tx -> {
            Flow flow = writable(tx, caller, id, Action.WRITE_FLOWS);
            tx.flows().delete(id);
            activity(tx, flow, ActivityType.DELETED, caller);
            return flow;
        });
        retire(deleted);
    }

    /** A workspace was deleted, and its flows with it (the database cascades): their queues and listeners go too. */
    public void workspaceDeleted(List<Flow> flows) {
        flows.forEach(this::retire);
    }

    private void retire(Flow deleted) {
        catalog.forget(deleted.id());
        lifecycle.forEach(listener -> listener.deleted(deleted));
        queues.delete(deleted.id());
    }

    public Flow start(Caller caller, UUID id) {
        Flow current = get(caller, id);
        queues.ensure(current.id());
        Flow started = setStatus(caller, id, FlowStatus.ACTIVE, ActivityType.STARTED);
        lifecycle.forEach(listener -> listener.started(started));
        return started;
    }

    public Flow stop(Caller caller, UUID id) {
        Flow stopped = setStatus(caller, id, FlowStatus.INACTIVE, ActivityType.STOPPED);
        lifecycle.forEach(listener -> listener.stopped(stopped));
        return stopped;
    }

    public Flow get(Caller caller, UUID id) {
        return store.read(tx -> readable(tx, caller, id));
    }

    /**
     * The flows matching {@code filter} in the workspaces it names (each must be readable by the caller),
     * or, when it names none, in every workspace the caller belongs to.
     */
    public Page.Result<Flow> list(Caller caller, FlowRepository.Filter filter, FlowRepository.Order order, Page page) {
        return store.read(tx -> {
            List<UUID> workspaces = filter.workspaceIds();
            if (workspaces == null) {
                workspaces = Access.readableWorkspaces(tx, caller);
            } else {
                workspaces.forEach(workspace -> Access.require(tx, caller, workspace, Action.READ));
            }
            var scoped = new FlowRepository.Filter(workspaces, filter.status(), filter.nameContains());
            return tx.flows().list(scoped, order, page);
        });
    }

    public List<Flow> versions(Caller caller, UUID id) {
        return store.read(tx -> {
            readable(tx, caller, id);
            return tx.flows().versions(id);
        });
    }

    public Flow version(Caller caller, UUID id, int version) {
        return store.read(tx -> {
            readable(tx, caller, id);
            return tx.flows().findVersion(id, version)
                    .orElseThrow(() -> FlowgateException.notFound("Flow " + id + " has no version " + version));
        });
    }

    /**
     * Starts an execution now with {@code body} as the trigger's message body, as if the trigger fired.
     * Returns the new execution's id once the broker confirmed the trigger message.
     */
    public UUID runNow(Caller caller, UUID id, JsonNode body) {
        Flow flow = store.read(tx -> {
            Flow found = readable(tx, caller, id);
            Access.require(tx, caller, found.workspaceId(), Action.RUN_FLOWS);
            return found;
        });
        if (!flow.isActive()) {
            throw FlowgateException.conflict("Flow " + id + " is inactive: start it first");
        }
        UUID executionId = ids.next();
        UUID requestId = ids.next();
        ObjectNode attributes = Json.object().put("trigger", "run-now").put("requestId", requestId.toString());
        StepMessage trigger = new StepMessage(requestId, null, executionId, flow.id(), flow.workspaceId(), flow.version(),
                flow.graph().trigger().id(), 1, body == null ? Json.object() : body, attributes,
                new StepMessage.TraceContext(requestId, requestId.toString(), null));
        try {
            dispatcher.send(trigger).get(CONFIRM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw FlowgateException.unavailable("The broker did not accept the run: " + e.getMessage(), e);
        }
        return executionId;
    }

    private Flow setStatus(Caller caller, UUID id, FlowStatus status, ActivityType activity) {
        return store.transact(tx -> {
            Flow current = writable(tx, caller, id, Action.RUN_FLOWS);
            if (current.status() == status) {
                return current;
            }
            Flow changed = current.withStatus(status, clock.instant());
            tx.flows().update(changed, false, caller.userId());
            activity(tx, changed, activity, caller);
            if (status == FlowStatus.INACTIVE) {
                suspendRunning(tx, changed);
            }
            return changed;
        });
    }

    /**
     * A stopped flow's running executions are suspended: their messages wait in the flow's queue, and
     * when the flow starts again they go on and end with one more terminal event.
     */
    private void suspendRunning(StoreTx tx, Flow flow) {
        Instant now = Timestamps.millis(clock.instant());
        for (Execution execution : tx.executions().running(flow.id())) {
            Executions.end(tx, events, execution, ExecutionStatus.SUSPENDED, now);
        }
    }

    private Flow readable(StoreTx tx, Caller caller, UUID id) {
        Flow flow = tx.flows().find(id).orElseThrow(() -> notFound(id));
        Access.requireFor(tx, caller, flow.workspaceId(), Action.READ, () -> notFound(id));
        return flow;
    }

    private Flow writable(StoreTx tx, Caller caller, UUID id, Action action) {
        Flow flow = readable(tx, caller, id);
        Access.require(tx, caller, flow.workspaceId(), action);
        return flow;
    }

    private void activity(StoreTx tx, Flow flow, ActivityType type, Caller caller) {
        tx.events().append(events.activity(flow.workspaceId(), type, ResourceType.FLOW, flow.id(), caller.userId()));
    }

    /** A scheduled flow needs a valid cron expression, in its trigger's {@code cron} field or its own. */
    private static void checkSchedule(Flow flow) {
        if (flow.graph().trigger().is("schedule", "cron")) {
            CronSchedule.parse(Scheduler.cronOf(flow).orElse(null), "/data/attributes/cron");
        }
    }

    private FlowGraph checkGraph(UUID workspaceId, JsonNode json) {
        FlowGraph graph = FlowGraphJson.read(json, "/data/attributes/graph");
        new FlowGraphValidator(components.forWorkspace(workspaceId)).validate(graph, "/data/attributes/graph");
        return graph;
    }

    /** Every node's {@code credentials_id} names a credential of the flow's own workspace. */
    private static void checkCredentials(StoreTx tx, UUID workspaceId, FlowGraph graph) {
        List<FlowgateException.Problem> problems = new ArrayList<>();
        for (int i = 0; i < graph.nodes().size(); i++) {
            UUID credential = graph.nodes().get(i).credentialsId();
            if (credential != null && tx.credentials().find(workspaceId, credential).isEmpty()) {
                problems.add(FlowgateException.Problem.at("/data/attributes/graph/nodes/" + i + "/credentials_id",
                        "no credential " + credential + " in this workspace"));
            }
        }
        if (!problems.isEmpty()) {
            throw FlowgateException.unprocessable("Invalid flow graph", problems);
        }
    }

    private static FlowgateException notFound(UUID id) {
        return FlowgateException.notFound("Flow " + id + " does not exist");
    }
}
