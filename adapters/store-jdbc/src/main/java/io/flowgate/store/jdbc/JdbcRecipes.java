package io.flowgate.store.jdbc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.port.Page;
import io.flowgate.core.port.RecipeRepository;
import io.flowgate.core.recipe.Recipe;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

final class JdbcRecipes implements RecipeRepository {

    private static final String COLUMNS = "id, workspace_id, name, description, graph, parameters, created_at, updated_at";

    private final Sql sql;

    JdbcRecipes(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(Recipe r) {
        sql.update("INSERT INTO recipes (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", r.id(), r.workspaceId(), r.name(),
                r.description(), r.graph(), r.parameters(), r.createdAt(), r.updatedAt());
    }

    @Override
    public void update(Recipe r) {
        sql.update("UPDATE recipes SET name = ?, description = ?, graph = ?, parameters = ?, updated_at = ? WHERE id = ?",
                r.name(), r.description(), r.graph(), r.parameters(), r.updatedAt(), r.id());
    }

    @Override
    public void delete(UUID id) {
        sql.update("DELETE FROM recipes WHERE id = ?", id);
    }

    @Override
    public Optional<Recipe> find(UUID workspaceId, UUID id) {
        return sql.queryOne("SELECT " + COLUMNS + " FROM recipes WHERE id = ? AND workspace_id = ?", JdbcRecipes::recipe,
                id, workspaceId);
    }

    @Override
    public Page.Result<Recipe> list(UUID workspaceId, Page page) {
        return sql.page(COLUMNS, "recipes WHERE workspace_id = ?", "created_at, id", JdbcRecipes::recipe, page, workspaceId);
    }

    private static Recipe recipe(ResultSet row) throws SQLException {
        return new Recipe(Sql.uuid(row, "id"), Sql.uuid(row, "workspace_id"), row.getString("name"),
                row.getString("description"), (ObjectNode) Sql.json(row, "graph"), (ObjectNode) Sql.json(row, "parameters"),
                Sql.instant(row, "created_at"), Sql.instant(row, "updated_at"));
    }
}
