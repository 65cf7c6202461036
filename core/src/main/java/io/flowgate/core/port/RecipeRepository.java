package io.flowgate.core.port;

import io.flowgate.core.recipe.Recipe;
import java.util.Optional;
import java.util.UUID;

public interface RecipeRepository {

    void insert(Recipe recipe);

    void update(Recipe recipe);

    void delete(UUID id);

    /** The recipe {@code id} if it belongs to {@code workspaceId}. */
    Optional<Recipe> find(UUID workspaceId, UUID id);

    Page.Result<Recipe> list(UUID workspaceId, Page page);
}
