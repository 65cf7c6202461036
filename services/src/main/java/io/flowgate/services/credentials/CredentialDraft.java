package io.flowgate.services.credentials;

import com.fasterxml.jackson.databind.JsonNode;

/** What a client sends to create or change a credential; null fields are kept as they are on a change. */
public record CredentialDraft(String name, String type, JsonNode keys) {
}
