package io.flowgate.services.recipes;

import com.fasterxml.jackson.databind.JsonNode;

/** What a client sends to create or change a recipe; null fields are kept as they are on a change. */
public record RecipeDraft(String name, String description, JsonNode graph, JsonNode parameters) {
}
