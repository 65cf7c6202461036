package io.flowgate.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.services.credentials.CredentialDraft;
import io.flowgate.services.credentials.CredentialService;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import java.util.UUID;

/** {@code /v2/workspaces/{workspaceId}/credentials}: answers never hold the keys, only their names. */
public final class CredentialRoutes implements HttpService {

    private final CredentialService credentials;
    private final Authenticated authenticated;

    public CredentialRoutes(CredentialService credentials, Authenticated authenticated) {
        this.credentials = credentials;
        this.authenticated = authenticated;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", authenticated.by((caller, req, res) -> {
                    var credential = credentials.create(caller, Requests.workspaceId(req), draft(req));
                    Responses.jsonApi(res, 201, JsonApi.document(Representations.credential(credential)));
                }))
                .get("/", authenticated.by((caller, req, res) -> Responses.jsonApi(res, 200, JsonApi.list(req,
                        credentials.list(caller, Requests.workspaceId(req), Requests.page(req)), Representations::credential))))
                .get("/{credentialId}", authenticated.by((caller, req, res) -> Responses.jsonApi(res, 200, JsonApi.document(
                        Representations.credential(credentials.get(caller, Requests.workspaceId(req), id(req)))))))
                .patch("/{credentialId}", authenticated.by((caller, req, res) -> {
                    var credential = credentials.update(caller, Requests.workspaceId(req), id(req), draft(req));
                    Responses.jsonApi(res, 200, JsonApi.document(Representations.credential(credential)));
                }))
                .delete("/{credentialId}", authenticated.by((caller, req, res) -> {
                    credentials.delete(caller, Requests.workspaceId(req), id(req));
                    Responses.noContent(res);
                }));
    }

    private static CredentialDraft draft(ServerRequest req) {
        ObjectNode attributes = JsonApi.attributes(Requests.json(req));
        return new CredentialDraft(JsonApi.text(attributes, "name"), JsonApi.text(attributes, "type"), attributes.get("keys"));
    }

    private static UUID id(ServerRequest req) {
        return Requests.pathId(req, "credentialId", "Credential");
    }
}
