package io.flowgate.http;

import io.flowgate.services.auth.Caller;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** A handler of the /v2 API: it runs only for an authenticated caller. */
@FunctionalInterface
public interface ApiHandler {
    void handle(Caller caller, ServerRequest request, ServerResponse response);
}
