package io.flowgate.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.Json;
import io.flowgate.runtime.component.ComponentFunction;
import io.flowgate.runtime.component.ComponentRegistry;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code GET /v2/components}: every component with its functions and the JSON Schema of their fields. */
public final class ComponentRoutes implements HttpService {

    private final ComponentRegistry components;
    private final Authenticated authenticated;

    public ComponentRoutes(ComponentRegistry components, Authenticated authenticated) {
        this.components = components;
        this.authenticated = authenticated;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", authenticated.by((caller, req, res) -> {
            Map<String, List<ComponentFunction>> byComponent = new LinkedHashMap<>();
            components.all().forEach(f -> byComponent.computeIfAbsent(f.componentId(), k -> new java.util.ArrayList<>()).add(f));
            ObjectNode document = Json.object();
            ArrayNode data = document.putArray("data");
            byComponent.forEach((id, functions) -> data.add(component(id, functions)));
            document.putObject("meta").put("total", byComponent.size());
            Responses.jsonApi(res, 200, document);
        }));
    }

    private ObjectNode component(String id, List<ComponentFunction> functions) {
        ObjectNode attributes = Json.object().put("name", id).put("built_in", true);
        ArrayNode list = attributes.putArray("functions");
        for (ComponentFunction function : functions) {
            ObjectNode json = list.addObject();
            json.put("name", function.function());
            json.put("kind", function.kind().name().toLowerCase(Locale.ROOT));
            json.put("description", function.description());
            json.set("fields_schema", components.schema(function));
        }
        return JsonApi.resource("component", id, attributes);
    }
}
