package io.flowgate.http;

import io.flowgate.services.auth.AuthService;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;

/** Wraps API handlers so each one first authenticates its caller. */
public final class Authenticated {

    private final AuthService auth;

    public Authenticated(AuthService auth) {
        this.auth = auth;
    }

    public Handler by(ApiHandler handler) {
        return (request, response) -> handler.handle(
                auth.authenticate(request.headers().first(HeaderNames.AUTHORIZATION).orElse(null)), request, response);
    }
}
