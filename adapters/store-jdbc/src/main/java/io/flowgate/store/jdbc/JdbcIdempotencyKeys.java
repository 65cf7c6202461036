package io.flowgate.store.jdbc;

import io.flowgate.core.port.IdempotencyKeys;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

final class JdbcIdempotencyKeys implements IdempotencyKeys {

    private final Sql sql;

    JdbcIdempotencyKeys(Sql sql) {
        this.sql = sql;
    }

    @Override
    public Optional<Entry> putIfAbsent(Entry entry, Instant notBefore) {
        sql.update("DELETE FROM idempotency_keys WHERE flow_id = ? AND idem_key = ? AND created_at < ?",
                entry.flowId(), entry.key(), notBefore);
        boolean inserted = sql.update("INSERT INTO idempotency_keys (flow_id, idem_key, request_id, execution_id, created_at) "
                        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                entry.flowId(), entry.key(), entry.requestId(), entry.executionId(), entry.createdAt()) == 1;
        if (inserted) {
            return Optional.empty();
        }
        return sql.queryOne("SELECT flow_id, idem_key, request_id, execution_id, created_at FROM idempotency_keys "
                + "WHERE flow_id = ? AND idem_key = ?", row -> new Entry(Sql.uuid(row, "flow_id"), row.getString("idem_key"),
                Sql.uuid(row, "request_id"), Sql.uuid(row, "execution_id"), Sql.instant(row, "created_at")),
                entry.flowId(), entry.key());
    }

    @Override
    public void remove(UUID flowId, String key) {
        sql.update("DELETE FROM idempotency_keys WHERE flow_id = ? AND idem_key = ?", flowId, key);
    }

    @Override
    public int deleteBefore(Instant before, int limit) {
        return sql.update("DELETE FROM idempotency_keys WHERE (flow_id, idem_key) IN (SELECT flow_id, idem_key "
                + "FROM idempotency_keys WHERE created_at < ? LIMIT " + limit + ")", before);
    }
}
