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
 * their schema, edges between existing steps, exactly one trigger (first and only there), no cycles,
 * router targets that are successors. Reports every problem with its JSON pointer.
 */
public final class FlowGraphValidator {

    private final ComponentRegistry components;

    public FlowGraphValidator(ComponentRegistry components) {
        this.components = components;
    }

    public void validate(FlowGraph graph, String at) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Integer> index = indexNodes(graph, at, problems);
        checkComponents(graph, at, problems);
        checkEdges(graph, index, at, problems);
        if (problems.isEmpty()) {
            checkTrigger(graph, at, problems);
            checkAcyclic(graph, at, problems);
            checkRouterTargets(graph, at, problems);
        }
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

    private void checkComponents(FlowGraph graph, String at, List<Problem> problems) {
        for (int i = 0; i < graph.nodes().size(); i++) {
            FlowNode node = graph.nodes().get(i);
            String here = at + "/nodes/" + i;
            var function = components.find(node.componentId(), node.function());
            if (function.isEmpty()) {
                problems.add(Problem.at(here + "/component_id",
                        "unknown component function " + node.componentId() + "/" + node.function()));
                continue;
            }
            List<Problem> fieldProblems = components.checkFields(node, here + "/fields");
            problems.addAll(fieldProblems);
            if (fieldProblems.isEmpty()) {
                try {
                    components.prepare(node);
                } catch (FlowgateException e) {
                    e.problems().forEach(p -> problems.add(Problem.at(here + p.pointer(), p.detail())));
                }
            }
        }
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
            }
            if (!seen.add(edge)) {
                problems.add(Problem.at(here, "duplicate edge"));
            }
        }
    }

    private void checkTrigger(FlowGraph graph, String at, List<Problem> problems) {
        Set<String> targets = new HashSet<>();
        graph.edges().forEach(e -> targets.add(e.target()));
        List<Integer> roots = new ArrayList<>();
        for (int i = 0; i < graph.nodes().size(); i++) {
            FlowNode node = graph.nodes().get(i);
            boolean isTrigger = isTrigger(node);
            if (!targets.contains(node.id())) {
                roots.add(i);
                if (!isTrigger) {
                    problems.add(Problem.at(at + "/nodes/" + i, "step '" + node.id() + "' has no incoming edge but is not a trigger"));
                }
            } else if (isTrigger) {
                problems.add(Problem.at(at + "/nodes/" + i, "trigger '" + node.id() + "' must be the first step (no incoming edge)"));
            }
        }
        if (roots.size() != 1 || graph.nodes().stream().filter(this::isTrigger).count() != 1) {
            problems.add(Problem.at(at + "/nodes", "a flow has exactly one trigger step (webhook, topic subscribe or schedule)"));
        }
    }

    private static void checkAcyclic(FlowGraph graph, String at, List<Problem> problems) {
        Map<String, Integer> state = new HashMap<>();
        for (FlowNode node : graph.nodes()) {
            if (hasCycleFrom(node.id(), graph, state)) {
                problems.add(Problem.at(at + "/edges", "the graph has a cycle through step '" + node.id() + "'"));
                return;
            }
        }
    }

    private static boolean hasCycleFrom(String id, FlowGraph graph, Map<String, Integer> state) {
        Integer mark = state.get(id);
        if (mark != null) {
            return mark == 1;
        }
        state.put(id, 1);
        for (String next : graph.successors(id)) {
            if (hasCycleFrom(next, graph, state)) {
                return true;
            }
        }
        state.put(id, 2);
        return false;
    }

    private static void checkRouterTargets(FlowGraph graph, String at, List<Problem> problems) {
        for (int i = 0; i < graph.nodes().size(); i++) {
            FlowNode node = graph.nodes().get(i);
            if (!node.is("router", "route")) {
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

    private boolean isTrigger(FlowNode node) {
        return components.find(node.componentId(), node.function())
                .map(f -> f.kind() == ComponentFunction.Kind.TRIGGER).orElse(false);
    }
}
