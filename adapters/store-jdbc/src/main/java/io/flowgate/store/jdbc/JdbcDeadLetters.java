package io.flowgate.store.jdbc;

import io.flowgate.core.port.DeadLetters;
import io.flowgate.core.port.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

final class JdbcDeadLetters implements DeadLetters {

    private static final String COLUMNS = "id, workspace_id, flow_id, source, message_id, reason, payload, created_at";

    private final Sql sql;

    JdbcDeadLetters(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void insert(DeadLetter letter) {
        sql.update("INSERT INTO dead_letters (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)", letter.id(),
                letter.workspaceId(), letter.flowId(), letter.source(), letter.messageId(), letter.reason(), letter.payload(), letter.createdAt());
    }

    @Override
    public List<DeadLetter> list(UUID workspaceId, int limit) {
        String where = workspaceId == null ? "" : " WHERE workspace_id = ?";
        Object[] args = workspaceId == null ? new Object[0] : new Object[] {workspaceId};
        return sql.query("SELECT " + COLUMNS + " FROM dead_letters" + where + " ORDER BY created_at DESC LIMIT " + limit,
                JdbcDeadLetters::letter, args);
    }

    @Override
    public Page.Result<DeadLetter> page(UUID workspaceId, Page page) {
        return sql.page(COLUMNS, "dead_letters WHERE workspace_id = ?", "created_at DESC, id DESC", JdbcDeadLetters::letter,
                page, workspaceId);
    }

    @Override
    public Optional<DeadLetter> find(UUID id) {
        return sql.queryOne("SELECT " + COLUMNS + " FROM dead_letters WHERE id = ?", JdbcDeadLetters::letter, id);
    }

    @Override
    public void delete(UUID id) {
        sql.update("DELETE FROM dead_letters WHERE id = ?", id);
    }

    private static DeadLetter letter(ResultSet row) throws SQLException {
        return new DeadLetter(Sql.uuid(row, "id"), Sql.uuid(row, "workspace_id"), Sql.uuid(row, "flow_id"),
                row.getString("source"), row.getString("message_id"), row.getString("reason"), row.getBytes("payload"), Sql.instant(row, "created_at"));
    }
}
