package io.flowgate.services.flows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/**
 * What a client sends to create or change a flow. Null fields are left as they are on an update;
 * {@code graph} is the raw JSON, checked by the service.
 */
public record FlowDraft(UUID workspaceId, String name, String type, JsonNode graph, String cron) {
}
