package io.flowgate.store.jdbc;

import io.flowgate.core.port.Watermarks;

final class JdbcWatermarks implements Watermarks {

    private final Sql sql;

    JdbcWatermarks(Sql sql) {
        this.sql = sql;
    }

    @Override
    public long lock(String follower) {
        ensure(follower);
        return sql.queryOne("SELECT event_cursor FROM event_watermarks WHERE follower = ? FOR UPDATE", row -> row.getLong(1), follower)
                .orElseThrow();
    }

    @Override
    public long get(String follower) {
        return sql.count("SELECT event_cursor FROM event_watermarks WHERE follower = ?", follower);
    }

    @Override
    public void advance(String follower, long cursor) {
        ensure(follower);
        sql.update("UPDATE event_watermarks SET event_cursor = ? WHERE follower = ? AND event_cursor < ?", cursor, follower, cursor);
    }

    private void ensure(String follower) {
        sql.update("INSERT INTO event_watermarks (follower, event_cursor) VALUES (?, 0) ON CONFLICT DO NOTHING", follower);
    }
}
