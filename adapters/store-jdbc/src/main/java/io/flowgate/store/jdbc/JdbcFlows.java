package io.flowgate.store.jdbc;

import io.flowgate.core.Json;
import io.flowgate.core.flow.Flow;
import io.flowgate.core.flow.FlowGraphJson;
import io.flowgate.core.flow.FlowStatus;
import io.flowgate.core.flow.FlowType;
import io.flowgate.core.port.FlowRepository;
import io.flowgate.core.port.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

final class JdbcFlows implements FlowRepository {

    private static final String COLUMNS = "f.id, f.workspace_id, f.name, f.type, f.status, f.graph, f.cron, f.version, f.created_at, f.updated_at";

    private final Sql sql;

    JdbcFlows(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(Flow flow, UUID userId) {
        sql.update("INSERT INTO flows (id, workspace_id, name, type, status, graph, cron, version, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                flow.id(), flow.workspaceId(), flow.name(), flow.type().wire(), flow.status().wire(),
                FlowGraphJson.write(flow.graph()), flow.cron(), flow.version(), flow.createdAt(), flow.updatedAt());
        insertVersion(flow, userId);
    }

    @Override
    public void update(Flow flow, boolean newVersion, UUID userId) {
        sql.update("UPDATE flows SET name = ?, type = ?, status = ?, graph = ?, cron = ?, version = ?, updated_at = ? WHERE id = ?",
                flow.name(), flow.type().wire(), flow.status().wire(), FlowGraphJson.write(flow.graph()), flow.cron(),
                flow.version(), flow.updatedAt(), flow.id());
        if (newVersion) {
            insertVersion(flow, userId);
        }
    }

    private void insertVersion(Flow flow, UUID userId) {
        sql.update("INSERT INTO flow_versions (flow_id, version, name, type, graph, cron, created_at, created_by) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                flow.id(), flow.version(), flow.name(), flow.type().wire(), FlowGraphJson.write(flow.graph()), flow.cron(),
                flow.updatedAt(), userId);
    }

    @Override
    public void delete(UUID id) {
        sql.update("DELETE FROM flows WHERE id = ?", id);
    }

    @Override
    public Optional<Flow> find(UUID id) {
        return sql.queryOne("SELECT " + COLUMNS + " FROM flows f WHERE f.id = ?", JdbcFlows::flow, id);
    }

    @Override
    public Optional<Flow> findVersion(UUID id, int version) {
        return sql.queryOne("SELECT f.id, f.workspace_id, v.name, v.type, f.status, v.graph, v.cron, v.version, f.created_at, "
                + "v.created_at AS updated_at FROM flow_versions v JOIN flows f ON f.id = v.flow_id "
                + "WHERE v.flow_id = ? AND v.version = ?", JdbcFlows::flow, id, version);
    }

    @Override
    public List<Flow> versions(UUID id) {
        return sql.query("SELECT f.id, f.workspace_id, v.name, v.type, f.status, v.graph, v.cron, v.version, f.created_at, "
                + "v.created_at AS updated_at FROM flow_versions v JOIN flows f ON f.id = v.flow_id "
                + "WHERE v.flow_id = ? ORDER BY v.version", JdbcFlows::flow, id);
    }

    @Override
    public Page.Result<Flow> list(Filter filter, Order order, Page page) {
        StringBuilder where = new StringBuilder("flows f WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (filter.workspaceIds() != null) {
            if (filter.workspaceIds().isEmpty()) {
                return new Page.Result<>(List.of(), 0, page);
            }
            where.append(" AND f.workspace_id IN (").append(JdbcExecutions.placeholders(filter.workspaceIds().size())).append(')');
            args.addAll(filter.workspaceIds());
        }
        if (filter.status() != null) {
            where.append(" AND f.status = ?");
            args.add(filter.status());
        }
        if (filter.nameContains() != null) {
            where.append(" AND LOWER(f.name) LIKE ? ESCAPE '\\'");
            args.add("%" + likeEscaped(filter.nameContains().toLowerCase(Locale.ROOT)) + "%");
        }
        return sql.page(COLUMNS, where.toString(), orderBy(order), JdbcFlows::flow, page, args.toArray());
    }

    @Override
    public List<String> namesReferencing(UUID workspaceId, String key, String value) {
        String fragment = Json.text(Json.object().put(key, value));
        String pair = fragment.substring(1, fragment.length() - 1);
        return sql.query("SELECT f.name FROM flows f WHERE f.workspace_id = ? AND f.graph LIKE ? ESCAPE '\\' ORDER BY f.name",
                row -> row.getString(1), workspaceId, "%" + likeEscaped(pair) + "%");
    }

    private static String orderBy(Order order) {
        String column = switch (order) {
            case NAME, NAME_DESC -> "LOWER(f.name)";
            case CREATED, CREATED_DESC -> "f.created_at";
            case UPDATED, UPDATED_DESC -> "f.updated_at";
        };
        String direction = order.descending() ? " DESC" : "";
        return column + direction + ", f.id" + direction;
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    @Override
    public List<Flow> active() {
        return sql.query("SELECT " + COLUMNS + " FROM flows f WHERE f.status = ?", JdbcFlows::flow, FlowStatus.ACTIVE.wire());
    }

    @Override
    public List<Flow> inWorkspace(UUID workspaceId) {
        return sql.query("SELECT " + COLUMNS + " FROM flows f WHERE f.workspace_id = ?", JdbcFlows::flow, workspaceId);
    }

    private static Flow flow(ResultSet row) throws SQLException {
        return new Flow(Sql.uuid(row, "id"), Sql.uuid(row, "workspace_id"), row.getString("name"),
                FlowType.fromWire(row.getString("type")),
                FlowStatus.valueOf(row.getString("status").toUpperCase(Locale.ROOT)),
                FlowGraphJson.read(Sql.json(row, "graph"), "/graph"), row.getString("cron"), row.getInt("version"),
                Sql.instant(row, "created_at"), Sql.instant(row, "updated_at"));
    }
}
