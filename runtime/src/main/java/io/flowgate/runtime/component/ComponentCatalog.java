package io.flowgate.runtime.component;

import java.util.UUID;

/** The component functions a workspace's flows may use: the built-ins, plus the components it registered. */
@FunctionalInterface
public interface ComponentCatalog {

    ComponentRegistry forWorkspace(UUID workspaceId);

    /** Every workspace uses the same components. */
    static ComponentCatalog only(ComponentRegistry components) {
        return workspaceId -> components;
    }
}
