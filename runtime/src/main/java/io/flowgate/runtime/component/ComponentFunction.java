package io.flowgate.runtime.component;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One function of a component, e.g. {@code jsonata}/{@code transform}. Implementations are found with
 * {@link java.util.ServiceLoader} through {@link ComponentProvider}, so a jar on the class path can add some.
 */
public interface ComponentFunction {

    enum Kind { TRIGGER, ACTION }

    String componentId();

    String function();

    Kind kind();

    String description();

    /** The JSON Schema of the step's {@code fields}. */
    ObjectNode fieldsSchema();

    /**
     * Prepares a step for the given fields, once per flow version: expressions are compiled here. A
     * field that cannot be prepared is reported with {@link io.flowgate.core.FlowgateException}
     * (kind UNPROCESSABLE).
     */
    PreparedStep prepare(ObjectNode fields);
}
