package io.flowgate.store.jdbc;

import io.flowgate.core.port.Timers;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

final class JdbcTimers implements Timers {

    private final Sql sql;

    JdbcTimers(Sql sql) {
        this.sql = sql;
    }

    @Override
    public void schedule(Timer timer) {
        sql.update("INSERT INTO timers (id, due_at, kind, payload) VALUES (?, ?, ?, ?)",
                timer.id(), timer.dueAt(), timer.kind(), timer.payload());
    }

    @Override
    public List<Timer> claimDue(Instant now, int limit, String nodeId, Instant claimUntil) {
        List<Timer> due = sql.query("SELECT id, due_at, kind, payload FROM timers WHERE due_at <= ? "
                        + "AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY due_at LIMIT " + limit + " FOR UPDATE SKIP LOCKED",
                row -> new Timer(Sql.uuid(row, "id"), Sql.instant(row, "due_at"), row.getString("kind"), row.getBytes("payload")),
                now, now);
        sql.batch("UPDATE timers SET claimed_by = ?, claimed_until = ? WHERE id = ?",
                due.stream().map(t -> new Object[] {nodeId, claimUntil, t.id()}).toList());
        return due;
    }

    @Override
    public void delete(UUID id) {
        sql.update("DELETE FROM timers WHERE id = ?", id);
    }
}
