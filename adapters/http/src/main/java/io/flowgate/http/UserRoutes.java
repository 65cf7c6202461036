package io.flowgate.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.Json;
import io.flowgate.core.port.UserRepository;
import io.flowgate.services.auth.UserService;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/** {@code /v2/users}: who am I, users (admins), and API keys. */
public final class UserRoutes implements HttpService {

    private final UserService users;
    private final Authenticated authenticated;

    public UserRoutes(UserService users, Authenticated authenticated) {
        this.users = users;
        this.authenticated = authenticated;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/me", authenticated.by((caller, req, res) ->
                        Responses.jsonApi(res, 200, JsonApi.document(Representations.user(caller.user())))))
                .get("/me/keys", authenticated.by((caller, req, res) ->
                        Responses.jsonApi(res, 200, JsonApi.all(users.keys(caller), UserRoutes::key))))
                .post("/me/keys", authenticated.by((caller, req, res) -> {
                    UserService.WithKey created = users.createKey(caller);
                    ObjectNode resource = key(created.key());
                    ((ObjectNode) resource.get("attributes")).put("api_key", created.secret());
                    Responses.jsonApi(res, 201, JsonApi.document(resource));
                }))
                .delete("/me/keys/{keyId}", authenticated.by((caller, req, res) -> {
                    users.revokeKey(caller, Requests.pathId(req, "keyId", "API key"));
                    Responses.noContent(res);
                }))
                .get("/", authenticated.by((caller, req, res) ->
                        Responses.jsonApi(res, 200, JsonApi.all(users.list(caller), Representations::user))))
                .post("/", authenticated.by((caller, req, res) -> {
                    ObjectNode attributes = JsonApi.attributes(Requests.json(req));
                    UserService.WithKey created = users.create(caller, JsonApi.text(attributes, "email"),
                            JsonApi.text(attributes, "name"), attributes.path("admin").asBoolean(false));
                    ObjectNode resource = Representations.user(created.user());
                    ((ObjectNode) resource.get("attributes")).put("api_key", created.secret());
                    Responses.jsonApi(res, 201, JsonApi.document(resource));
                }))
                .get("/{userId}", authenticated.by((caller, req, res) -> Responses.jsonApi(res, 200,
                        JsonApi.document(Representations.user(users.get(caller, Requests.pathId(req, "userId", "User")))))));
    }

    private static ObjectNode key(UserRepository.ApiKey key) {
        ObjectNode attributes = Json.object().put("prefix", key.prefix())
                .put("created_at", Representations.time(key.createdAt()))
                .put("revoked_at", Representations.time(key.revokedAt()));
        return JsonApi.resource("api-key", key.id(), attributes);
    }
}
