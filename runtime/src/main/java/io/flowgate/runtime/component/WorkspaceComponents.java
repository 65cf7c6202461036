package io.flowgate.runtime.component;

import io.flowgate.core.component.ComponentRegistration;
import io.flowgate.core.port.Store;
import java.util.List;
import java.util.UUID;

/** The built-in components, plus the components a workspace registered from jars on the component path. */
public final class WorkspaceComponents implements ComponentCatalog {

    private final ComponentRegistry builtIns;
    private final ComponentJars jars;
    private final Store store;

    public WorkspaceComponents(ComponentRegistry builtIns, ComponentJars jars, Store store) {
        this.builtIns = builtIns;
        this.jars = jars;
        this.store = store;
    }

    @Override
    public ComponentRegistry forWorkspace(UUID workspaceId) {
        List<ComponentRegistration> registered = store.read(tx -> tx.components().list(workspaceId));
        ComponentRegistry components = builtIns;
        for (ComponentRegistration registration : registered) {
            components = components.plus(jars.load(registration.jar(), registration.componentId()));
        }
        return components;
    }

    public ComponentRegistry builtIns() {
        return builtIns;
    }

    public ComponentJars jars() {
        return jars;
    }
}
