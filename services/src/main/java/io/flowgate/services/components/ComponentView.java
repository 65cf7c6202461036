package io.flowgate.services.components;

import io.flowgate.core.component.ComponentRegistration;
import io.flowgate.runtime.component.ComponentFunction;
import io.flowgate.runtime.component.ComponentRegistry;
import java.util.List;

/**
 * A component as the API shows it: a built-in one ({@code registration} null), or one a workspace
 * registered. {@code functions} knows the functions and their field schemas (empty when the
 * registered jar cannot be loaded on this node).
 */
public record ComponentView(String componentId, ComponentRegistration registration, ComponentRegistry functions) {

    public boolean builtIn() {
        return registration == null;
    }

    public List<ComponentFunction> functionList() {
        return functions.all().stream().filter(f -> f.componentId().equals(componentId)).toList();
    }
}
