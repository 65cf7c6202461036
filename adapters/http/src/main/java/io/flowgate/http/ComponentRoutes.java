package io.flowgate.http;

import io.flowgate.services.components.ComponentService;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/** {@code GET /v2/components}: the built-in components and those of the caller's workspaces, with their functions. */
public final class ComponentRoutes implements HttpService {

    private final ComponentService components;
    private final Authenticated authenticated;

    public ComponentRoutes(ComponentService components, Authenticated authenticated) {
        this.components = components;
        this.authenticated = authenticated;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", authenticated.by((caller, req, res) ->
                Responses.jsonApi(res, 200, JsonApi.all(components.catalog(caller), Representations::component))));
    }
}
