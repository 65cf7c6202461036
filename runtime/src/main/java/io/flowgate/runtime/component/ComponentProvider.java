package io.flowgate.runtime.component;

import java.util.List;

/** The {@link java.util.ServiceLoader} entry point of a set of component functions. */
public interface ComponentProvider {
    List<ComponentFunction> functions();
}
