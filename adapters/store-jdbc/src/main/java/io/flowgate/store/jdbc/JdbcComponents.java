package io.flowgate.store.jdbc;

import io.flowgate.core.component.ComponentRegistration;
import io.flowgate.core.port.ComponentRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

final class JdbcComponents implements ComponentRepository {

    private static final String COLUMNS = "id, workspace_id, component_id, jar, description, created_at";

    private final Sql sql;

    JdbcComponents(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(ComponentRegistration c) {
        sql.update("INSERT INTO workspace_components (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)", c.id(), c.workspaceId(),
                c.componentId(), c.jar(), c.description(), c.createdAt());
    }

    @Override
    public void delete(UUID id) {
        sql.update("DELETE FROM workspace_components WHERE id = ?", id);
    }

    @Override
    public Optional<ComponentRegistration> find(UUID workspaceId, UUID id) {
        return sql.queryOne("SELECT " + COLUMNS + " FROM workspace_components WHERE id = ? AND workspace_id = ?",
                JdbcComponents::registration, id, workspaceId);
    }

    @Override
    public List<ComponentRegistration> list(UUID workspaceId) {
        return listIn(List.of(workspaceId));
    }

    @Override
    public List<ComponentRegistration> listIn(Collection<UUID> workspaceIds) {
        if (workspaceIds != null && workspaceIds.isEmpty()) {
            return List.of();
        }
        String where = workspaceIds == null ? "" : " WHERE workspace_id IN (" + JdbcExecutions.placeholders(workspaceIds.size()) + ")";
        Object[] args = workspaceIds == null ? new Object[0] : workspaceIds.toArray();
        return sql.query("SELECT " + COLUMNS + " FROM workspace_components" + where + " ORDER BY created_at, id",
                JdbcComponents::registration, args);
    }

    private static ComponentRegistration registration(ResultSet row) throws SQLException {
        return new ComponentRegistration(Sql.uuid(row, "id"), Sql.uuid(row, "workspace_id"), row.getString("component_id"),
                row.getString("jar"), row.getString("description"), Sql.instant(row, "created_at"));
    }
}
