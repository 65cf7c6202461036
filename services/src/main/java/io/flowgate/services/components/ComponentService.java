package io.flowgate.services.components;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.FlowgateException.Problem;
import io.flowgate.core.IdGenerator;
import io.flowgate.core.component.ComponentRegistration;
import io.flowgate.core.event.WorkspaceActivityEvent.ActivityType;
import io.flowgate.core.event.WorkspaceActivityEvent.ResourceType;
import io.flowgate.core.port.Store;
import io.flowgate.core.port.StoreTx;
import io.flowgate.core.workspace.Action;
import io.flowgate.runtime.component.ComponentRegistry;
import io.flowgate.runtime.component.WorkspaceComponents;
import io.flowgate.services.ActivityLog;
import io.flowgate.services.auth.Access;
import io.flowgate.services.auth.Caller;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Components: the built-in ones, shared by every workspace, and custom ones a workspace registers from a
 * jar on the server's component path, usable in that workspace's flows only.
 */
public final class ComponentService {

    private static final Pattern COMPONENT_ID = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,99}$");

    private final Store store;
    private final WorkspaceComponents components;
    private final ActivityLog activity;
    private final IdGenerator ids;
    private final Clock clock;

    public ComponentService(Store store, WorkspaceComponents components, ActivityLog activity, IdGenerator ids, Clock clock) {
        this.store = store;
        this.components = components;
        this.activity = activity;
        this.ids = ids;
        this.clock = clock;
    }

    /** The built-in components, then those of every workspace the caller belongs to. */
    public List<ComponentView> catalog(Caller caller) {
        List<ComponentRegistration> registered = store.read(tx -> tx.components().listIn(Access.readableWorkspaces(tx, caller)));
        ComponentRegistry builtIns = components.builtIns();
        Stream<ComponentView> builtIn = builtIns.componentIds().stream().map(id -> new ComponentView(id, null, builtIns));
        return Stream.concat(builtIn, registered.stream().map(this::view)).toList();
    }

    public List<ComponentView> list(Caller caller, UUID workspaceId) {
        List<ComponentRegistration> registered = store.read(tx -> {
            Access.require(tx, caller, workspaceId, Action.READ);
            return tx.components().list(workspaceId);
        });
        return registered.stream().map(this::view).toList();
    }

    public ComponentView get(Caller caller, UUID workspaceId, UUID id) {
        return view(store.read(tx -> {
            Access.require(tx, caller, workspaceId, Action.READ);
            return existing(tx, workspaceId, id);
        }));
    }

    public ComponentView register(Caller caller, UUID workspaceId, ComponentDescriptor descriptor) {
        store.read(tx -> Access.require(tx, caller, workspaceId, Action.WRITE_COMPONENTS));
        String componentId = checkId(descriptor.componentId());
        ComponentRegistry functions = components.jars().load(descriptor.jar(), componentId);
        var registration = new ComponentRegistration(ids.next(), workspaceId, componentId, descriptor.jar().strip(),
                descriptor.description(), clock.instant());
        store.transact(tx -> {
            Access.require(tx, caller, workspaceId, Action.WRITE_COMPONENTS);
            if (tx.components().list(workspaceId).stream().anyMatch(c -> c.componentId().equals(componentId))) {
                throw FlowgateException.conflict("This workspace has a component '" + componentId + "' already");
            }
            tx.components().insert(registration);
            activity.record(tx, workspaceId, ResourceType.COMPONENT, ActivityType.CREATED, registration.id(), caller);
            return null;
        });
        return new ComponentView(componentId, registration, functions);
    }

    /** Removes a registered component; CONFLICT while a flow of the workspace uses it. */
    public void delete(Caller caller, UUID workspaceId, UUID id) {
        store.transact(tx -> {
            Access.require(tx, caller, workspaceId, Action.WRITE_COMPONENTS);
            ComponentRegistration registration = existing(tx, workspaceId, id);
            List<String> users = tx.flows().namesReferencing(workspaceId, "component_id", registration.componentId());
            if (!users.isEmpty()) {
                throw FlowgateException.conflict("Component " + registration.componentId() + " is used by flows "
                        + String.join(", ", users) + ": change them first");
            }
            tx.components().delete(id);
            activity.record(tx, workspaceId, ResourceType.COMPONENT, ActivityType.DELETED, id, caller);
            return null;
        });
    }

    private String checkId(String componentId) {
        List<Problem> problems = new ArrayList<>();
        if (componentId == null || !COMPONENT_ID.matcher(componentId).matches()) {
            problems.add(Problem.at("/data/attributes/component_id",
                    "component_id is required: lower-case letters, digits, '.', '_' or '-', at most 100 characters"));
        } else if (components.builtIns().componentIds().contains(componentId)) {
            throw FlowgateException.conflict("'" + componentId + "' is a built-in component");
        }
        if (!problems.isEmpty()) {
            throw FlowgateException.unprocessable("Invalid component", problems);
        }
        return componentId;
    }

    /** The registration with its functions; a jar that does not load here shows no functions. */
    private ComponentView view(ComponentRegistration registration) {
        ComponentRegistry functions;
        try {
            functions = components.jars().load(registration.jar(), registration.componentId());
        } catch (FlowgateException e) {
            functions = new ComponentRegistry(List.of());
        }
        return new ComponentView(registration.componentId(), registration, functions);
    }

    private static ComponentRegistration existing(StoreTx tx, UUID workspaceId, UUID id) {
        return tx.components().find(workspaceId, id)
                .orElseThrow(() -> FlowgateException.notFound("Component " + id + " does not exist"));
    }
}
