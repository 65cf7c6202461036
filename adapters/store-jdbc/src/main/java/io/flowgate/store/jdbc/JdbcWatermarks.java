package io.flowgate.store.jdbc;

import io.flowgate.core.port.Watermarks;

final class JdbcWatermarks implements Watermarks {

    private final Sql sql;

    JdbcWatermarks(Sql sql) {
        this.sql = sql;
    }

    @Override
    public long lock(String follower) {
        String select = "SELECT event_cursor FROM event_watermarks WHERE follower = ? FOR UPDATE";
        return sql.queryOne(select, row -> row.getLong(1), follower).orElseGet(() -> {
            create(follower);
            return sql.queryOne(select, row -> row.getLong(1), follower).orElseThrow();
        });
    }

    @Override
    public long get(String follower) {
        return sql.count("SELECT event_cursor FROM event_watermarks WHERE follower = ?", follower);
    }

    @Override
    public void advance(String follower, long cursor) {
        String update = "UPDATE event_watermarks SET event_cursor = ? WHERE follower = ? AND event_cursor < ?";
        if (sql.update(update, cursor, follower, cursor) == 0 && !exists(follower)) {
            create(follower);
            sql.update(update, cursor, follower, cursor);
        }
    }

    private boolean exists(String follower) {
        return sql.queryOne("SELECT 1 FROM event_watermarks WHERE follower = ?", row -> true, follower).isPresent();
    }

    /**
     * Inserts the follower's row, unless another transaction just did. Only when it is missing: H2 answers
     * each {@code ON CONFLICT DO NOTHING} that finds the row by raising and catching an error internally,
     * which the planner and the relay paid many times a second.
     */
    private void create(String follower) {
        sql.update("INSERT INTO event_watermarks (follower, event_cursor) VALUES (?, 0) ON CONFLICT DO NOTHING", follower);
    }
}
