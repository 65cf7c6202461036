package io.flowgate.runtime.flow;

import io.flowgate.core.flow.FlowEdge;
import io.flowgate.core.flow.FlowGraph;
import io.flowgate.core.flow.FlowNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the edges that close a cycle, by a depth-first walk that keeps its path on the heap (not the
 * call stack), so a long flow cannot overflow the stack. Self edges are left out.
 */
final class Cycles {

    /** A step on the walk's path and how many of its outgoing edges the walk has taken. */
    private static final class Visit {
        private final String stepId;
        private int taken;

        private Visit(String stepId) {
            this.stepId = stepId;
        }
    }

    private Cycles() {
    }

    /** The indexes (in {@code graph.edges()}) of the edges that close a cycle, in the order found. */
    static List<Integer> closingEdges(FlowGraph graph) {
        Map<String, List<Integer>> outgoing = outgoing(graph);
        Set<String> done = new HashSet<>();
        Set<String> onPath = new HashSet<>();
        List<Integer> closing = new ArrayList<>();
        for (FlowNode start : graph.nodes()) {
            Deque<Visit> path = new ArrayDeque<>();
            enter(start.id(), path, onPath, done);
            while (!path.isEmpty()) {
                Visit visit = path.peek();
                List<Integer> edges = outgoing.getOrDefault(visit.stepId, List.of());
                if (visit.taken == edges.size()) {
                    path.pop();
                    onPath.remove(visit.stepId);
                    done.add(visit.stepId);
                    continue;
                }
                int edge = edges.get(visit.taken++);
                String target = graph.edges().get(edge).target();
                if (onPath.contains(target)) {
                    closing.add(edge);
                } else {
                    enter(target, path, onPath, done);
                }
            }
        }
        return closing;
    }

    private static void enter(String stepId, Deque<Visit> path, Set<String> onPath, Set<String> done) {
        if (!done.contains(stepId) && onPath.add(stepId)) {
            path.push(new Visit(stepId));
        }
    }

    private static Map<String, List<Integer>> outgoing(FlowGraph graph) {
        Map<String, List<Integer>> outgoing = new HashMap<>();
        for (int i = 0; i < graph.edges().size(); i++) {
            FlowEdge edge = graph.edges().get(i);
            if (!edge.source().equals(edge.target())) {
                outgoing.computeIfAbsent(edge.source(), source -> new ArrayList<>()).add(i);
            }
        }
        return outgoing;
    }
}
