package io.flowgate.services.ingress;

import java.util.Map;

/**
 * An inbound webhook request as plain values, free of any HTTP framework.
 *
 * @param flowId  the flow id as it appears in the path (checked by the ingress)
 * @param path    the path after the flow id, "" when none
 * @param headers header names in lower case; repeated headers joined with ", "
 * @param body    the raw bytes, exactly as received (signatures are checked on them)
 */
public record WebhookRequest(String flowId, String method, String path, Map<String, String> headers,
                             Map<String, String> queryParameters, byte[] body) {

    public WebhookRequest {
        headers = Map.copyOf(headers);
        queryParameters = Map.copyOf(queryParameters);
    }

    public String header(String name) {
        return headers.get(name);
    }
}
