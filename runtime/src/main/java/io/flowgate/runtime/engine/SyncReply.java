package io.flowgate.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The answer for a caller waiting on a sync webhook, sent to the queue of the node that holds the
 * caller's connection. The first one for an execution wins; later ones are ignored. A missing
 * {@code body} (a reply expression that gave nothing) means an answer without a body.
 */
public record SyncReply(UUID executionId, Kind kind, int status, Map<String, String> headers, JsonNode body) {

    public enum Kind {
        /** A reply step answered. */
        REPLY,
        /** The execution failed before any reply step answered. */
        FAILED,
        /** The execution completed without a reply step answering. */
        ENDED
    }

    public SyncReply {
        headers = Map.copyOf(headers);
    }

    public byte[] encode() {
        ObjectNode json = Json.object();
        json.put("executionId", executionId.toString());
        json.put("kind", kind.name());
        json.put("status", status);
        json.set("headers", Json.tree(headers));
        if (body != null && !body.isMissingNode()) {
            json.set("body", body);
        }
        return Json.bytes(json);
    }

    public static SyncReply decode(byte[] bytes) {
        JsonNode json = Json.parse(bytes);
        Map<String, String> headers = new LinkedHashMap<>();
        json.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
        return new SyncReply(UUID.fromString(json.path("executionId").asText()), Kind.valueOf(json.path("kind").asText()),
                json.path("status").asInt(), headers, json.path("body"));
    }
}
