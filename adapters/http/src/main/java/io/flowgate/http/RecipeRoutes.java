package io.flowgate.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.services.recipes.RecipeDraft;
import io.flowgate.services.recipes.RecipeService;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import java.util.UUID;

/** {@code /v2/workspaces/{workspaceId}/recipes}: flow templates, and flows made from them. */
public final class RecipeRoutes implements HttpService {

    private final RecipeService recipes;
    private final Authenticated authenticated;

    public RecipeRoutes(RecipeService recipes, Authenticated authenticated) {
        this.recipes = recipes;
        this.authenticated = authenticated;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", authenticated.by((caller, req, res) -> {
                    var recipe = recipes.create(caller, Requests.workspaceId(req), draft(req));
                    Responses.jsonApi(res, 201, JsonApi.document(Representations.recipe(recipe)));
                }))
                .get("/", authenticated.by((caller, req, res) -> Responses.jsonApi(res, 200, JsonApi.list(req,
                        recipes.list(caller, Requests.workspaceId(req), Requests.page(req)), Representations::recipe))))
                .get("/{recipeId}", authenticated.by((caller, req, res) -> Responses.jsonApi(res, 200, JsonApi.document(
                        Representations.recipe(recipes.get(caller, Requests.workspaceId(req), id(req)))))))
                .patch("/{recipeId}", authenticated.by((caller, req, res) -> {
                    var recipe = recipes.update(caller, Requests.workspaceId(req), id(req), draft(req));
                    Responses.jsonApi(res, 200, JsonApi.document(Representations.recipe(recipe)));
                }))
                .delete("/{recipeId}", authenticated.by((caller, req, res) -> {
                    recipes.delete(caller, Requests.workspaceId(req), id(req));
                    Responses.noContent(res);
                }))
                .post("/{recipeId}/instantiate", authenticated.by((caller, req, res) -> {
                    ObjectNode attributes = JsonApi.attributes(Requests.json(req));
                    var flow = recipes.instantiate(caller, Requests.workspaceId(req), id(req), JsonApi.text(attributes, "name"),
                            JsonApi.text(attributes, "type"), attributes.get("values"));
                    Responses.jsonApi(res, 201, JsonApi.document(Representations.flow(flow)));
                }));
    }

    private static RecipeDraft draft(ServerRequest req) {
        ObjectNode attributes = JsonApi.attributes(Requests.json(req));
        return new RecipeDraft(JsonApi.text(attributes, "name"), JsonApi.text(attributes, "description"),
                attributes.get("graph"), attributes.get("parameters"));
    }

    private static UUID id(ServerRequest req) {
        return Requests.pathId(req, "recipeId", "Recipe");
    }
}
