package io.flowgate.core.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.Json;
import io.flowgate.core.Timestamps;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An inbound HTTP request that triggers a flow (the spec's WebhookTriggerMessage). {@code path} is the
 * part of the URL after the flow id, {@code requestId} and {@code receivedAt} are added by the platform.
 */
public record WebhookTriggerMessage(Map<String, String> headers, ObjectNode body, Map<String, String> queryParameters,
                                    String method, String path, UUID requestId, Instant receivedAt) {

    public WebhookTriggerMessage {
        headers = Map.copyOf(headers);
        queryParameters = Map.copyOf(queryParameters);
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.set("headers", Json.tree(headers));
        json.set("body", body);
        json.set("queryParameters", Json.tree(queryParameters));
        json.put("method", method);
        json.put("path", path);
        json.put("requestId", requestId.toString());
        json.put("receivedAt", Timestamps.format(receivedAt));
        return json;
    }
}
