package io.flowgate.core.flow;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The steps of a flow and the edges between them. The first node without incoming edges is the trigger. */
public record FlowGraph(List<FlowNode> nodes, List<FlowEdge> edges) {

    public FlowGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    public Optional<FlowNode> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    public Map<String, FlowNode> nodesById() {
        return nodes.stream().collect(Collectors.toMap(FlowNode::id, Function.identity(), (a, b) -> a));
    }

    /** The trigger: the one node that no edge points at. */
    public FlowNode trigger() {
        var targets = edges.stream().map(FlowEdge::target).collect(Collectors.toSet());
        return nodes.stream().filter(n -> !targets.contains(n.id())).findFirst()
                .orElseThrow(() -> new IllegalStateException("flow graph without a trigger"));
    }

    /** The ids of the steps a message goes to after {@code stepId}, in edge order. */
    public List<String> successors(String stepId) {
        return edges.stream().filter(e -> e.source().equals(stepId)).map(FlowEdge::target).toList();
    }

    public boolean hasStep(String componentId, String function) {
        return nodes.stream().anyMatch(n -> n.is(componentId, function));
    }
}
