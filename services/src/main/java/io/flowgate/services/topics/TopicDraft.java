package io.flowgate.services.topics;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a client sends to create or change a topic. On a change a null {@code name} is left as it is, and
 * the schema only changes when {@code schemaGiven} (a given null schema removes it).
 */
public record TopicDraft(String name, JsonNode schema, boolean schemaGiven) {
}
