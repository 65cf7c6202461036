package io.flowgate.runtime.engine;

import io.flowgate.core.flow.Flow;
import io.flowgate.core.flow.FlowNode;
import io.flowgate.runtime.component.ComponentRegistry;
import io.flowgate.runtime.component.PreparedStep;
import io.flowgate.runtime.component.RetryPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One version of a flow, ready to run: every step prepared (expressions compiled) once. */
public final class PreparedFlow {

    private record Step(FlowNode node, PreparedStep prepared, RetryPolicy retry) {
    }

    private final Flow flow;
    private final Map<String, Step> steps = new HashMap<>();

    PreparedFlow(Flow flow, ComponentRegistry components) {
        this.flow = flow;
        for (FlowNode node : flow.graph().nodes()) {
            steps.put(node.id(), new Step(node, components.prepare(node), RetryPolicy.of(node.fields())));
        }
    }

    public Flow flow() {
        return flow;
    }

    public boolean hasStep(String stepId) {
        return steps.containsKey(stepId);
    }

    public PreparedStep step(String stepId) {
        return steps.get(stepId).prepared();
    }

    public FlowNode node(String stepId) {
        return steps.get(stepId).node();
    }

    public RetryPolicy retryPolicy(String stepId) {
        return steps.get(stepId).retry();
    }

    public List<String> successors(String stepId) {
        return flow.graph().successors(stepId);
    }
}
