package io.flowgate.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.Json;
import io.flowgate.core.flow.FlowStatus;
import io.flowgate.core.port.FlowRepository;
import io.flowgate.services.flows.FlowDraft;
import io.flowgate.services.flows.FlowService;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import java.util.List;
import java.util.UUID;

/** {@code /v2/flows}: flows, their versions, start, stop and run-now. */
public final class FlowRoutes implements HttpService {

    private final FlowService flows;
    private final Authenticated authenticated;

    public FlowRoutes(FlowService flows, Authenticated authenticated) {
        this.flows = flows;
        this.authenticated = authenticated;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", authenticated.by((caller, req, res) -> {
                    JsonNode document = Requests.json(req);
                    var flow = flows.create(caller, draft(document, JsonApi.relationshipId(document, "workspace")));
                    Responses.jsonApi(res, 201, JsonApi.document(Representations.flow(flow)));
                }))
                .get("/", authenticated.by((caller, req, res) -> {
                    var filter = new FlowRepository.Filter(Requests.queryId(req, "workspace_id").map(List::of).orElse(null),
                            Requests.query(req, "status").map(status -> FlowStatus.fromWire(status).wire()).orElse(null),
                            Requests.query(req, "name").orElse(null));
                    var order = Requests.query(req, "sort").map(FlowRepository.Order::fromWire).orElse(FlowRepository.Order.CREATED);
                    Responses.jsonApi(res, 200, JsonApi.list(req, flows.list(caller, filter, order, Requests.page(req)),
                            Representations::flow));
                }))
                .get("/{id}", authenticated.by((caller, req, res) ->
                        Responses.jsonApi(res, 200, JsonApi.document(Representations.flow(flows.get(caller, id(req)))))))
                .patch("/{id}", authenticated.by((caller, req, res) -> {
                    var flow = flows.update(caller, id(req), draft(Requests.json(req), null));
                    Responses.jsonApi(res, 200, JsonApi.document(Representations.flow(flow)));
                }))
                .delete("/{id}", authenticated.by((caller, req, res) -> {
                    flows.delete(caller, id(req));
                    Responses.noContent(res);
                }))
                .post("/{id}/start", authenticated.by((caller, req, res) ->
                        Responses.jsonApi(res, 200, JsonApi.document(Representations.flow(flows.start(caller, id(req)))))))
                .post("/{id}/stop", authenticated.by((caller, req, res) ->
                        Responses.jsonApi(res, 200, JsonApi.document(Representations.flow(flows.stop(caller, id(req)))))))
                .post("/{id}/run-now", authenticated.by((caller, req, res) -> {
                    byte[] body = Requests.body(req, 10L * 1024 * 1024);
                    UUID executionId = flows.runNow(caller, id(req), body.length == 0 ? Json.object() : Json.parse(body));
                    ObjectNode answer = Json.object().put("executionId", executionId.toString()).put("message", "thank you");
                    Responses.json(res, 202, answer);
                }))
                .get("/{id}/versions", authenticated.by((caller, req, res) ->
                        Responses.jsonApi(res, 200, JsonApi.all(flows.versions(caller, id(req)), Representations::flowVersion))))
                .get("/{id}/versions/{version}", authenticated.by((caller, req, res) -> {
                    int version = parseVersion(req.path().pathParameters().get("version"));
                    Responses.jsonApi(res, 200, JsonApi.document(Representations.flowVersion(flows.version(caller, id(req), version))));
                }));
    }

    private static FlowDraft draft(JsonNode document, UUID workspaceId) {
        ObjectNode attributes = JsonApi.attributes(document);
        UUID workspace = workspaceId;
        if (workspace == null && attributes.hasNonNull("workspace_id")) {
            workspace = io.flowgate.core.Ids.parse(attributes.get("workspace_id").asText(), "attributes.workspace_id");
        }
        return new FlowDraft(workspace, JsonApi.text(attributes, "name"), JsonApi.text(attributes, "type"),
                attributes.get("graph"), JsonApi.text(attributes, "cron"));
    }

    private static int parseVersion(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw FlowgateException.notFound("Version " + text + " does not exist");
        }
    }

    private static UUID id(ServerRequest req) {
        return Requests.pathId(req, "id", "Flow");
    }
}
