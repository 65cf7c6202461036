package io.flowgate.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.services.workspaces.WorkspaceService;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/** {@code /v2/workspaces}. */
public final class WorkspaceRoutes implements HttpService {

    private final WorkspaceService workspaces;
    private final Authenticated authenticated;

    public WorkspaceRoutes(WorkspaceService workspaces, Authenticated authenticated) {
        this.workspaces = workspaces;
        this.authenticated = authenticated;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", authenticated.by((caller, req, res) -> {
                    ObjectNode attributes = JsonApi.attributes(Requests.json(req));
                    var workspace = workspaces.create(caller, JsonApi.text(attributes, "name"));
                    Responses.jsonApi(res, 201, JsonApi.document(Representations.workspace(workspace)));
                }))
                .get("/", authenticated.by((caller, req, res) -> Responses.jsonApi(res, 200,
                        JsonApi.list(req, workspaces.list(caller, Requests.page(req)), Representations::workspace))))
                .get("/{id}", authenticated.by((caller, req, res) -> Responses.jsonApi(res, 200,
                        JsonApi.document(Representations.workspace(workspaces.get(caller, id(req)))))))
                .patch("/{id}", authenticated.by((caller, req, res) -> {
                    ObjectNode attributes = JsonApi.attributes(Requests.json(req));
                    var workspace = workspaces.rename(caller, id(req), JsonApi.text(attributes, "name"));
                    Responses.jsonApi(res, 200, JsonApi.document(Representations.workspace(workspace)));
                }))
                .delete("/{id}", authenticated.by((caller, req, res) -> {
                    workspaces.delete(caller, id(req));
                    Responses.noContent(res);
                }));
    }

    private static java.util.UUID id(io.helidon.webserver.http.ServerRequest req) {
        return Requests.pathId(req, "id", "Workspace");
    }
}
