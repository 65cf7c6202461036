package io.flowgate.services.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** What the webhook endpoint answers: a status, headers and a JSON (or text) body. */
public record WebhookAnswer(int status, Map<String, String> headers, JsonNode body) {

    public WebhookAnswer {
        headers = Map.copyOf(headers);
    }
}
