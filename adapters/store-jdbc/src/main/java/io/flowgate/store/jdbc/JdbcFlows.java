package io.flowgate.store.jdbc;

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
    public Page.Result<Flow> list(Filter filter, Page page) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (filter.workspaceId() != null) {
            where.append(" AND f.workspace_id = ?");
            args.add(filter.workspaceId());
        }
        if (filter.status() != null) {
            where.append(" AND f.status = ?");
            args.add(filter.status());
        }
        if (filter.nameContains() != null) {
            where.append(" AND LOWER(f.name) LIKE ?");
            args.add("%" + filter.nameContains().toLowerCase(Locale.ROOT) + "%");
        }
        long total = sql.count("SELECT COUNT(*) FROM flows f" + where, args.toArray());
        List<Flow> items = sql.query("SELECT " + COLUMNS + " FROM flows f" + where + " ORDER BY f.created_at, f.id LIMIT "
                + page.size() + " OFFSET " + page.offset(), JdbcFlows::flow, args.toArray());
        return new Page.Result<>(items, total, page);
    }

    @Override
    public List<Flow> active() {
        return sql.query("SELECT " + COLUMNS + " FROM flows f WHERE f.status = ?", JdbcFlows::flow, FlowStatus.ACTIVE.wire());
    }

    private static Flow flow(ResultSet row) throws SQLException {
        return new Flow(Sql.uuid(row, "id"), Sql.uuid(row, "workspace_id"), row.getString("name"),
                FlowType.fromWire(row.getString("type")),
                FlowStatus.valueOf(row.getString("status").toUpperCase(Locale.ROOT)),
                FlowGraphJson.read(Sql.json(row, "graph"), "/graph"), row.getString("cron"), row.getInt("version"),
                Sql.instant(row, "created_at"), Sql.instant(row, "updated_at"));
    }
}
