package io.flowgate.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowgate.core.Json;
import io.helidon.webserver.http.ServerResponse;

/** Writing JSON answers. */
public final class Responses {

    public static final String JSON = "application/json";
    public static final String JSON_API = "application/vnd.api+json";

    private Responses() {
    }

    public static void json(ServerResponse response, int status, JsonNode body) {
        response.status(status);
        response.header("Content-Type", JSON);
        response.send(Json.bytes(body));
    }

    public static void jsonApi(ServerResponse response, int status, JsonNode body) {
        response.status(status);
        response.header("Content-Type", JSON_API);
        response.send(Json.bytes(body));
    }

    public static void noContent(ServerResponse response) {
        response.status(204);
        response.send();
    }
}
