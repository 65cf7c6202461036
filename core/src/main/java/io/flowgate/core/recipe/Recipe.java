package io.flowgate.core.recipe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/**
 * A flow template of a workspace: a graph whose strings may hold {@code {{name}}} placeholders, and the
 * parameters (name to {@code {type, default, description}}) that fill them.
 */
public record Recipe(UUID id, UUID workspaceId, String name, String description, ObjectNode graph,
                     ObjectNode parameters, Instant createdAt, Instant updatedAt) {
}
