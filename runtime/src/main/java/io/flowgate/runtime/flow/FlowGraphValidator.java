package io.flowgate.runtime.flow;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.FlowgateException.Problem;
import io.flowgate.core.flow.FlowEdge;
import io.flowgate.core.flow.FlowGraph;
import io.flowgate.core.flow.FlowNode;
import io.flowgate.runtime.component.ComponentFunction;
import io.flowgate.runtime.component.ComponentRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a flow graph before it is stored: unique step ids, known components, fields valid against
 * their schema, edges between existing steps (no self edges, no duplicates), exactly one trigger and
 * only as the first step, every other step reachable, no cycles, router targets that are successors.
 * Reports every problem at once, each with its JSON pointer.
 */
public final class FlowGraphValidator {

    private final ComponentRegistry components;

    public FlowGraphValidator(ComponentRegistry components) {
        this.components = components;
    }

    public void validate(FlowGraph graph, String at) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Integer> index = indexNodes(graph, at, problems);
        Set<Integer> wellFormed = checkComponents(graph, at, problems);
        checkEdges(graph, index, at, problems);
        if (allKnown(graph)) {
            checkTrigger(graph, at, problems);
        }
        checkAcyclic(graph, at, problems);
        checkRouterTargets(graph, wellFormed, at, problems);
        if (!problems.isEmpty()) {
            throw FlowgateException.unprocessable("Invalid flow graph", problems);
        }
    }

    private static Map<String, Integer> indexNodes(FlowGraph graph, String at, List<Problem> problems) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < graph.nodes().size(); i++) {
            if (index.putIfAbsent(graph.nodes().get(i).id(), i) != null) {
                problems.add(Problem.at(at + "/nodes/" + i + "/id", "duplicate step id '" + graph.nodes().get(i).id() + "'"));
            }
        }
        return index;
    }

    /** Checks each node's component and fields; returns the indexes of the nodes without problems. */
    private Set<Integer> checkComponents(FlowGraph graph, String at, List<Problem> problems) {
        Set<Integer> wellFormed = new HashSet<>();
        for (int i = 0; i < graph.nodes().size(); i++) {
            FlowNode node = graph.nodes().get(i);
            String here = at + "/nodes/" + i;
            if (components.find(node.componentId(), node.function()).isEmpty()) {
                problems.add(Problem.at(here + "/component_id",
                        "unknown component function " + node.componentId() + "/" + node.function()));
                continue;
            }
            List<Problem> nodeProblems = new ArrayList<>(components.checkFields(node, here + "/fields"));
            if (nodeProblems.isEmpty()) {
                try {
                    components.prepare(node);
                } catch (FlowgateException e) {
                    e.problems().forEach(p -> nodeProblems.add(Problem.at(here + p.pointer(), p.detail())));
                }
            }
            problems.addAll(nodeProblems);
            if (nodeProblems.isEmpty()) {
                wellFormed.add(i);
            }
        }
        return wellFormed;
    }

    private static void checkEdges(FlowGraph graph, Map<String, Integer> index, String at, List<Problem> problems) {
        Set<FlowEdge> seen = new HashSet<>();
        for (int i = 0; i < graph.edges().size(); i++) {
            FlowEdge edge = graph.edges().get(i);
            String here = at + "/edges/" + i;
            if (!index.containsKey(edge.source())) {
                problems.add(Problem.at(here + "/source", "no step '" + edge.source() + "'"));
            }
            if (!index.containsKey(edge.target())) {
                problems.add(Problem.at(here + "/target", "no step '" + edge.target() + "'"));
            }
            if (edge.source().equals(edge.target())) {
                problems.add(Problem.at(here, "a step cannot send to itself"));
            } else if (!seen.add(edge)) {
                problems.add(Problem.at(here, "duplicate edge"));
            }
        }
    }

    /**
     * One trigger, first: the first trigger step must have no incoming edge, any further trigger is one
     * too many, and every other step needs an incoming edge (else no message ever reaches it).
     */
    private void checkTrigger(FlowGraph graph, String at, List<Problem> problems) {
        Set<String> targets = new HashSet<>();
        graph.edges().forEach(e -> targets.add(e.target()));
        boolean hasTrigger = graph.nodes().stream().anyMatch(this::isTrigger);
        boolean triggerSeen = false;
        for (int i = 0; i < graph.nodes().size(); i++) {
            FlowNode node = graph.nodes().get(i);
            String here = at + "/nodes/" + i;
            boolean incoming = targets.contains(node.id());
            if (isTrigger(node) && triggerSeen) {
                problems.add(Problem.at(here, "a flow has exactly one trigger step; '" + node.id() + "' is another one"));
            } else if (isTrigger(node) && incoming) {
                problems.add(Problem.at(here, "trigger '" + node.id() + "' must be the first step (no incoming edge)"));
            } else if (!isTrigger(node) && !incoming && hasTrigger) {
                problems.add(Problem.at(here, "step '" + node.id() + "' has no incoming edge, so no message reaches it"));
            }
            triggerSeen |= isTrigger(node);
        }
        if (!hasTrigger) {
            problems.add(Problem.at(at + "/nodes", "a flow has exactly one trigger step (webhook, topic subscribe or schedule)"));
        }
    }

    /** Reports each edge that closes a cycle (self edges are reported by the edge check). */
    private static void checkAcyclic(FlowGraph graph, String at, List<Problem> problems) {
        for (int i : Cycles.closingEdges(graph)) {
            FlowEdge edge = graph.edges().get(i);
            problems.add(Problem.at(at + "/edges/" + i, "the edge " + edge.source() + " -> " + edge.target() + " closes a cycle"));
        }
    }

    private static void checkRouterTargets(FlowGraph graph, Set<Integer> wellFormed, String at, List<Problem> problems) {
        for (int i = 0; i < graph.nodes().size(); i++) {
            FlowNode node = graph.nodes().get(i);
            if (!node.is("router", "route") || !wellFormed.contains(i)) {
                continue;
            }
            List<String> successors = graph.successors(node.id());
            List<String> targets = new ArrayList<>();
            node.fields().path("branches").forEach(b -> targets.add(b.path("target").asText()));
            for (int b = 0; b < targets.size(); b++) {
                if (!successors.contains(targets.get(b))) {
                    problems.add(Problem.at(at + "/nodes/" + i + "/fields/branches/" + b + "/target",
                            "'" + targets.get(b) + "' is not a successor of router '" + node.id() + "' (add an edge)"));
                }
            }
            String fallback = node.fields().path("default").asText(null);
            if (fallback != null && !successors.contains(fallback)) {
                problems.add(Problem.at(at + "/nodes/" + i + "/fields/default",
                        "'" + fallback + "' is not a successor of router '" + node.id() + "' (add an edge)"));
            }
        }
    }

    private boolean allKnown(FlowGraph graph) {
        return graph.nodes().stream().allMatch(n -> components.find(n.componentId(), n.function()).isPresent());
    }

    private boolean isTrigger(FlowNode node) {
        return components.find(node.componentId(), node.function())
                .map(f -> f.kind() == ComponentFunction.Kind.TRIGGER).orElse(false);
    }
}
