package io.flowgate.core.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/**
 * One step of a flow graph: which component function it runs and with which fields.
 *
 * @param credentialsId the workspace credential the step uses, or null
 */
public record FlowNode(String id, String componentId, String function, ObjectNode fields, UUID credentialsId) {

    public boolean is(String component, String fn) {
        return componentId.equals(component) && function.equals(fn);
    }

    public String fieldText(String name, String fallback) {
        var value = fields.get(name);
        return value == null || value.isNull() ? fallback : value.asText();
    }
}
