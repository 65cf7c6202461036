package io.flowgate.runtime.components;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.Json;
import io.flowgate.core.flow.FlowNode;
import io.flowgate.runtime.component.ComponentRegistry;
import io.flowgate.runtime.component.PreparedStep;
import io.flowgate.runtime.component.StepResult;
import java.util.List;

/** Prepares built-in steps the way the platform does (through the discovered registry) and reads their results. */
final class Steps {

    static final ComponentRegistry REGISTRY = ComponentRegistry.discover();

    private Steps() {
    }

    /** A prepared step of {@code component}/{@code function}; its fields must be valid against the schema. */
    static PreparedStep prepare(String component, String function, String fieldsJson) {
        FlowNode node = new FlowNode("step", component, function, (ObjectNode) Json.parse(fieldsJson), null);
        assertThat(REGISTRY.checkFields(node, "/fields")).as("field problems").isEmpty();
        return REGISTRY.prepare(node);
    }

    static StepResult.Emit emitted(StepResult result) {
        assertThat(result).isInstanceOf(StepResult.Emit.class);
        return (StepResult.Emit) result;
    }

    static StepResult.Fail failed(StepResult result) {
        assertThat(result).isInstanceOf(StepResult.Fail.class);
        return (StepResult.Fail) result;
    }

    /** The one output of a result that must have exactly one. */
    static StepResult.Output single(StepResult result) {
        List<StepResult.Output> outputs = emitted(result).outputs();
        assertThat(outputs).hasSize(1);
        return outputs.getFirst();
    }

    static List<JsonNode> bodies(StepResult result) {
        return emitted(result).outputs().stream().map(StepResult.Output::body).toList();
    }

    static ObjectNode object(String json) {
        return (ObjectNode) Json.parse(json);
    }
}
