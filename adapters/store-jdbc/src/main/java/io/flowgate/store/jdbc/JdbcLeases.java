package io.flowgate.store.jdbc;

import io.flowgate.core.port.Leases;
import java.time.Instant;

final class JdbcLeases implements Leases {

    private final Sql sql;

    JdbcLeases(Sql sql) {
        this.sql = sql;
    }

    @Override
    public boolean tryAcquire(String name, String holder, Instant now, Instant until) {
        sql.update("INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", name, holder, until);
        return sql.update("UPDATE leases SET holder = ?, expires_at = ? WHERE name = ? AND (holder = ? OR expires_at < ?)",
                holder, until, name, holder, now) == 1;
    }

    @Override
    public void release(String name, String holder) {
        sql.update("DELETE FROM leases WHERE name = ? AND holder = ?", name, holder);
    }
}
