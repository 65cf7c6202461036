package io.flowgate.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.Ids;
import io.flowgate.services.workspaces.MemberService;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import java.util.UUID;

/** {@code /v2/workspaces/{workspaceId}/members}: who belongs to a workspace, with which roles. */
public final class MemberRoutes implements HttpService {

    private final MemberService members;
    private final Authenticated authenticated;

    public MemberRoutes(MemberService members, Authenticated authenticated) {
        this.members = members;
        this.authenticated = authenticated;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", authenticated.by((caller, req, res) -> Responses.jsonApi(res, 200, JsonApi.list(req,
                        members.list(caller, Requests.workspaceId(req), Requests.page(req)), Representations::member))))
                .post("/", authenticated.by((caller, req, res) -> {
                    JsonNode document = Requests.json(req);
                    var member = members.add(caller, Requests.workspaceId(req), userId(document),
                            JsonApi.attributes(document).get("roles"));
                    Responses.jsonApi(res, 201, JsonApi.document(Representations.member(member)));
                }))
                .patch("/{userId}", authenticated.by((caller, req, res) -> {
                    JsonNode document = Requests.json(req);
                    var member = members.changeRoles(caller, Requests.workspaceId(req), id(req),
                            JsonApi.attributes(document).get("roles"));
                    Responses.jsonApi(res, 200, JsonApi.document(Representations.member(member)));
                }))
                .delete("/{userId}", authenticated.by((caller, req, res) -> {
                    members.remove(caller, Requests.workspaceId(req), id(req));
                    Responses.noContent(res);
                }));
    }

    /** {@code data.id}: the id of the user to add. */
    private static UUID userId(JsonNode document) {
        JsonNode id = document.path("data").path("id");
        if (!id.isTextual()) {
            throw FlowgateException.invalid("data.id is required: the id of the user to add");
        }
        return Ids.parse(id.asText(), "data.id");
    }

    private static UUID id(ServerRequest req) {
        return Requests.pathId(req, "userId", "Member");
    }
}
