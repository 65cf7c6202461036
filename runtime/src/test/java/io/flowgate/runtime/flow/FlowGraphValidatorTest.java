package io.flowgate.runtime.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.FlowgateException.Problem;
import io.flowgate.core.Json;
import io.flowgate.core.flow.FlowEdge;
import io.flowgate.core.flow.FlowGraph;
import io.flowgate.core.flow.FlowNode;
import io.flowgate.runtime.component.ComponentRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules the fixtures do not show on their own: pointer prefixes, order of steps, big graphs, messages. */
class FlowGraphValidatorTest {

    private static final FlowGraphValidator VALIDATOR = new FlowGraphValidator(ComponentRegistry.discover());

    private static FlowNode node(String id, String component, String function, String fields) {
        return new FlowNode(id, component, function, (com.fasterxml.jackson.databind.node.ObjectNode) Json.parse(fields), null);
    }

    private static final FlowNode HOOK = node("hook", "webhook", "receive", "{}");

    private static List<Problem> problems(FlowGraph graph) {
        try {
            VALIDATOR.validate(graph, "/data/attributes/graph");
        } catch (FlowgateException e) {
            return e.problems();
        }
        return List.of();
    }

    @Test
    void pointersStartAtTheGivenPlace() {
        FlowGraph graph = new FlowGraph(List.of(HOOK, node("wait", "delay", "delay", "{\"ms\":-1}")),
                List.of(new FlowEdge("hook", "wait")));

        assertThat(problems(graph)).extracting(Problem::pointer).containsExactly("/data/attributes/graph/nodes/1/fields/ms");
    }

    @Test
    void theTriggerNeedNotBeListedFirst() {
        FlowGraph graph = new FlowGraph(List.of(node("log", "log", "log", "{}"), HOOK), List.of(new FlowEdge("hook", "log")));

        assertThat(problems(graph)).isEmpty();
        assertThat(graph.trigger().id()).isEqualTo("hook");
    }

    @Test
    void aTriggerAloneIsAFlow() {
        assertThatCode(() -> VALIDATOR.validate(new FlowGraph(List.of(HOOK), List.of()), "")).doesNotThrowAnyException();
    }

    @Test
    void aCycleApartFromTheTriggerIsFound() {
        FlowGraph graph = new FlowGraph(
                List.of(HOOK, node("log", "log", "log", "{}"), node("a", "log", "log", "{}"), node("b", "log", "log", "{}")),
                List.of(new FlowEdge("hook", "log"), new FlowEdge("a", "b"), new FlowEdge("b", "a")));

        assertThat(problems(graph)).extracting(Problem::pointer).containsExactly("/data/attributes/graph/edges/2");
        assertThat(problems(graph).getFirst().detail()).contains("b -> a").contains("cycle");
    }

    @Test
    void aDiamondIsNoCycle() {
        FlowGraph graph = new FlowGraph(
                List.of(HOOK, node("left", "log", "log", "{}"), node("right", "log", "log", "{}"), node("join", "log", "log", "{}")),
                List.of(new FlowEdge("hook", "left"), new FlowEdge("hook", "right"),
                        new FlowEdge("left", "join"), new FlowEdge("right", "join")));

        assertThat(problems(graph)).isEmpty();
    }

    @Test
    void aLongChainValidates() {
        List<FlowNode> nodes = new ArrayList<>(List.of(HOOK));
        List<FlowEdge> edges = new ArrayList<>();
        String previous = "hook";
        for (int i = 0; i < 10_000; i++) {
            nodes.add(node("log-" + i, "log", "log", "{}"));
            edges.add(new FlowEdge(previous, "log-" + i));
            previous = "log-" + i;
        }

        assertThat(problems(new FlowGraph(nodes, edges))).isEmpty();
    }

    @Test
    void aRouterWithBadFieldsIsNotAlsoBlamedForItsTargets() {
        FlowGraph graph = new FlowGraph(
                List.of(HOOK, node("route", "router", "route", "{\"branches\":[{\"expression\":\"x\"}],\"default\":\"log\"}"),
                        node("log", "log", "log", "{}")),
                List.of(new FlowEdge("hook", "route"), new FlowEdge("route", "log")));

        assertThat(problems(graph)).extracting(Problem::pointer)
                .containsExactly("/data/attributes/graph/nodes/1/fields/branches/0/target");
    }

    @Test
    void everyProblemHasAMessage() {
        FlowGraph graph = new FlowGraph(
                List.of(HOOK, node("hook", "log", "log", "{}"), node("x", "nope", "nope", "{}")),
                List.of(new FlowEdge("hook", "hook"), new FlowEdge("hook", "missing")));

        assertThatThrownBy(() -> VALIDATOR.validate(graph, ""))
                .isInstanceOfSatisfying(FlowgateException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FlowgateException.Kind.UNPROCESSABLE);
                    assertThat(e.problems()).extracting(Problem::pointer)
                            .containsExactlyInAnyOrder("/nodes/1/id", "/nodes/2/component_id", "/edges/0", "/edges/1/target");
                    assertThat(e.problems()).allSatisfy(p -> assertThat(p.detail()).isNotBlank());
                });
    }
}
