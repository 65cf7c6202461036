package io.flowgate.core.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.FlowgateException.Problem;
import io.flowgate.core.Ids;
import io.flowgate.core.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The JSON form of a flow graph ({@code nodes} with {@code component_id}…, {@code edges}), both ways. */
public final class FlowGraphJson {

    private FlowGraphJson() {
    }

    /** Reads a graph; every shape problem is reported at once, with its JSON pointer under {@code at}. */
    public static FlowGraph read(JsonNode json, String at) {
        List<Problem> problems = new ArrayList<>();
        if (json == null || !json.isObject()) {
            throw FlowgateException.unprocessable("Invalid flow graph", List.of(Problem.at(at, "graph must be an object with nodes and edges")));
        }
        List<FlowNode> nodes = readNodes(json.get("nodes"), at + "/nodes", problems);
        List<FlowEdge> edges = readEdges(json.get("edges"), at + "/edges", problems);
        if (!problems.isEmpty()) {
            throw FlowgateException.unprocessable("Invalid flow graph", problems);
        }
        return new FlowGraph(nodes, edges);
    }

    public static ObjectNode write(FlowGraph graph) {
        ObjectNode json = Json.object();
        ArrayNode nodes = json.putArray("nodes");
        for (FlowNode node : graph.nodes()) {
            ObjectNode n = nodes.addObject();
            n.put("id", node.id());
            n.put("component_id", node.componentId());
            n.put("function", node.function());
            n.set("fields", node.fields());
            if (node.credentialsId() != null) {
                n.put("credentials_id", node.credentialsId().toString());
            }
        }
        ArrayNode edges = json.putArray("edges");
        graph.edges().forEach(e -> edges.addObject().put("source", e.source()).put("target", e.target()));
        return json;
    }

    private static List<FlowNode> readNodes(JsonNode json, String at, List<Problem> problems) {
        List<FlowNode> nodes = new ArrayList<>();
        if (json == null || !json.isArray() || json.isEmpty()) {
            problems.add(Problem.at(at, "nodes must be a non-empty array"));
            return nodes;
        }
        for (int i = 0; i < json.size(); i++) {
            JsonNode node = json.get(i);
            String here = at + "/" + i;
            if (!node.isObject()) {
                problems.add(Problem.at(here, "a node must be an object"));
                continue;
            }
            String id = requiredText(node, "id", here, problems);
            String component = requiredText(node, "component_id", here, problems);
            String function = requiredText(node, "function", here, problems);
            JsonNode fields = node.get("fields");
            if (fields != null && !fields.isNull() && !fields.isObject()) {
                problems.add(Problem.at(here + "/fields", "fields must be an object"));
            }
            UUID credentials = credentials(node.get("credentials_id"), here, problems);
            ObjectNode fieldsObject = fields instanceof ObjectNode o ? o : Json.object();
            if (id != null && component != null && function != null) {
                nodes.add(new FlowNode(id, component, function, fieldsObject, credentials));
            }
        }
        return nodes;
    }

    private static List<FlowEdge> readEdges(JsonNode json, String at, List<Problem> problems) {
        List<FlowEdge> edges = new ArrayList<>();
        if (json == null || json.isNull()) {
            return edges;
        }
        if (!json.isArray()) {
            problems.add(Problem.at(at, "edges must be an array"));
            return edges;
        }
        for (int i = 0; i < json.size(); i++) {
            String here = at + "/" + i;
            if (!json.get(i).isObject()) {
                problems.add(Problem.at(here, "an edge must be an object with source and target"));
                continue;
            }
            String source = requiredText(json.get(i), "source", here, problems);
            String target = requiredText(json.get(i), "target", here, problems);
            if (source != null && target != null) {
                edges.add(new FlowEdge(source, target));
            }
        }
        return edges;
    }

    private static UUID credentials(JsonNode value, String at, List<Problem> problems) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || !Ids.isUuid(value.asText())) {
            problems.add(Problem.at(at + "/credentials_id", "must be a UUID"));
            return null;
        }
        return UUID.fromString(value.asText());
    }

    private static String requiredText(JsonNode node, String name, String at, List<Problem> problems) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            problems.add(Problem.at(at + "/" + name, name + " is required and must be a non-empty string"));
            return null;
        }
        return value.asText();
    }
}
