package io.flowgate.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.services.components.ComponentDescriptor;
import io.flowgate.services.components.ComponentService;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/** {@code /v2/workspaces/{workspaceId}/components}: custom components registered from jars on the component path. */
public final class WorkspaceComponentRoutes implements HttpService {

    private final ComponentService components;
    private final Authenticated authenticated;

    public WorkspaceComponentRoutes(ComponentService components, Authenticated authenticated) {
        this.components = components;
        this.authenticated = authenticated;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", authenticated.by((caller, req, res) -> {
                    ObjectNode attributes = JsonApi.attributes(Requests.json(req));
                    var descriptor = new ComponentDescriptor(JsonApi.text(attributes, "component_id"),
                            JsonApi.text(attributes, "jar"), JsonApi.text(attributes, "description"));
                    var registered = components.register(caller, Requests.workspaceId(req), descriptor);
                    Responses.jsonApi(res, 201, JsonApi.document(Representations.component(registered)));
                }))
                .get("/", authenticated.by((caller, req, res) -> Responses.jsonApi(res, 200,
                        JsonApi.all(components.list(caller, Requests.workspaceId(req)), Representations::component))))
                .get("/{componentId}", authenticated.by((caller, req, res) -> Responses.jsonApi(res, 200,
                        JsonApi.document(Representations.component(components.get(caller, Requests.workspaceId(req), id(req)))))))
                .delete("/{componentId}", authenticated.by((caller, req, res) -> {
                    components.delete(caller, Requests.workspaceId(req), id(req));
                    Responses.noContent(res);
                }));
    }

    private static java.util.UUID id(io.helidon.webserver.http.ServerRequest req) {
        return Requests.pathId(req, "componentId", "Component");
    }
}
