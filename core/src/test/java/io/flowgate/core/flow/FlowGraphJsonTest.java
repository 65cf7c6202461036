package io.flowgate.core.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.FlowgateException.Problem;
import io.flowgate.core.Json;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlowGraphJsonTest {

    private static final String GRAPH = """
            {"nodes":[
               {"id":"hook","component_id":"webhook","function":"receive","fields":{"auth":{"type":"none"}}},
               {"id":"map","component_id":"jsonata","function":"transform","fields":{"expression":"{'n': $.n}"}},
               {"id":"call","component_id":"http","function":"request","fields":{"url":"http://example.test"},
                "credentials_id":"01890a5d-ac96-7b3e-8f2a-0123456789ab"}],
             "edges":[{"source":"hook","target":"map"},{"source":"map","target":"call"}]}
            """;

    private static List<String> pointers(FlowgateException e) {
        return e.problems().stream().map(Problem::pointer).toList();
    }

    private static List<String> problemsOf(String json) {
        try {
            FlowGraphJson.read(Json.parse(json), "/graph");
        } catch (FlowgateException e) {
            assertThat(e.kind()).isEqualTo(FlowgateException.Kind.UNPROCESSABLE);
            assertThat(e.problems()).allSatisfy(p -> assertThat(p.detail()).isNotBlank());
            return pointers(e);
        }
        throw new AssertionError("expected problems in " + json);
    }

    @Test
    void readsNodesAndEdges() {
        FlowGraph graph = FlowGraphJson.read(Json.parse(GRAPH), "/graph");

        assertThat(graph.nodes()).extracting(FlowNode::id).containsExactly("hook", "map", "call");
        assertThat(graph.nodes().get(1).componentId()).isEqualTo("jsonata");
        assertThat(graph.nodes().get(1).function()).isEqualTo("transform");
        assertThat(graph.nodes().get(1).fields().get("expression").asText()).isEqualTo("{'n': $.n}");
        assertThat(graph.nodes().get(2).credentialsId()).isEqualTo(UUID.fromString("01890a5d-ac96-7b3e-8f2a-0123456789ab"));
        assertThat(graph.nodes().get(0).credentialsId()).isNull();
        assertThat(graph.edges()).containsExactly(new FlowEdge("hook", "map"), new FlowEdge("map", "call"));
        assertThat(graph.trigger().id()).isEqualTo("hook");
        assertThat(graph.successors("hook")).containsExactly("map");
    }

    @Test
    void writeThenReadGivesTheSameGraph() {
        FlowGraph graph = FlowGraphJson.read(Json.parse(GRAPH), "/graph");

        JsonNode written = FlowGraphJson.write(graph);

        assertThat(FlowGraphJson.read(written, "/graph")).isEqualTo(graph);
        assertThat(written).isEqualTo(Json.parse(GRAPH));
    }

    @Test
    void writeLeavesOutAMissingCredential() {
        FlowGraph graph = FlowGraphJson.read(Json.parse(GRAPH), "/graph");

        JsonNode written = FlowGraphJson.write(graph);

        assertThat(written.at("/nodes/0").has("credentials_id")).isFalse();
        assertThat(written.at("/nodes/2/credentials_id").asText()).isEqualTo("01890a5d-ac96-7b3e-8f2a-0123456789ab");
    }

    @Test
    void missingOrNullFieldsAndEdgesAreEmpty() {
        FlowGraph graph = FlowGraphJson.read(Json.parse("""
                {"nodes":[{"id":"a","component_id":"webhook","function":"receive"},
                          {"id":"b","component_id":"log","function":"log","fields":null}]}
                """), "/graph");

        assertThat(graph.nodes()).allSatisfy(n -> assertThat(n.fields()).isEmpty());
        assertThat(graph.edges()).isEmpty();
        assertThat(FlowGraphJson.read(Json.parse("""
                {"nodes":[{"id":"a","component_id":"webhook","function":"receive"}],"edges":null}
                """), "").edges()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "[]", "\"graph\"", "42"})
    void aGraphMustBeAnObject(String json) {
        assertThatThrownBy(() -> FlowGraphJson.read(Json.parse(json), "/data/attributes/graph"))
                .isInstanceOfSatisfying(FlowgateException.class,
                        e -> assertThat(pointers(e)).containsExactly("/data/attributes/graph"));
    }

    @Test
    void aJavaNullGraphIsAProblemToo() {
        assertThatThrownBy(() -> FlowGraphJson.read(null, "/graph"))
                .isInstanceOfSatisfying(FlowgateException.class, e -> assertThat(pointers(e)).containsExactly("/graph"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"nodes\":[]}", "{\"nodes\":{}}", "{\"nodes\":\"a\"}"})
    void nodesMustBeANonEmptyArray(String json) {
        assertThat(problemsOf(json)).containsExactly("/graph/nodes");
    }

    @Test
    void reportsEveryShapeProblemAtOnceWithItsPointer() {
        assertThat(problemsOf("""
                {"nodes":[
                   "not an object",
                   {"component_id":"webhook","function":"receive"},
                   {"id":"b","component_id":7,"function":""},
                   {"id":"c","component_id":"log","function":"log","fields":[1],"credentials_id":"nope"},
                   {"id":"d","component_id":"log","function":"log","credentials_id":"1-1-1-1-1"}],
                 "edges":[{"source":"a"},"x",{"source":"","target":"b"},{"source":"a","target":"b"}]}
                """)).containsExactly(
                "/graph/nodes/0",
                "/graph/nodes/1/id",
                "/graph/nodes/2/component_id",
                "/graph/nodes/2/function",
                "/graph/nodes/3/fields",
                "/graph/nodes/3/credentials_id",
                "/graph/nodes/4/credentials_id",
                "/graph/edges/0/target",
                "/graph/edges/1",
                "/graph/edges/2/source");
    }

    @Test
    void edgesMustBeAnArray() {
        assertThat(problemsOf("""
                {"nodes":[{"id":"a","component_id":"webhook","function":"receive"}],"edges":{"source":"a"}}
                """)).containsExactly("/graph/edges");
    }

    @Test
    void nodeLookups() {
        FlowGraph graph = FlowGraphJson.read(Json.parse(GRAPH), "");

        assertThat(graph.node("map")).map(FlowNode::componentId).contains("jsonata");
        assertThat(graph.node("nope")).isEmpty();
        assertThat(graph.nodesById()).containsOnlyKeys("hook", "map", "call");
        assertThat(graph.hasStep("http", "request")).isTrue();
        assertThat(graph.hasStep("reply", "reply")).isFalse();
        assertThat(graph.nodes().get(2).fieldText("url", "none")).isEqualTo("http://example.test");
        assertThat(graph.nodes().get(2).fieldText("method", "GET")).isEqualTo("GET");
    }
}
