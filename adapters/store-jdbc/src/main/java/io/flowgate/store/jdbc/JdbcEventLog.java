package io.flowgate.store.jdbc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.event.ChannelAddress;
import io.flowgate.core.event.PlatformEvent;
import io.flowgate.core.event.StoredEvent;
import io.flowgate.core.port.EventLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

final class JdbcEventLog implements EventLog {

    private final Sql sql;
    private boolean appended;

    JdbcEventLog(Sql sql) {
        this.sql = sql;
    }

    /** Whether this transaction appended events. */
    boolean appended() {
        return appended;
    }

    @Override
    public void append(PlatformEvent event) {
        appended = true;
        sql.update("INSERT INTO events (id, channel, name, workspace_id, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                event.eventId(), event.channel().value(), event.name(), event.workspaceId(), event.payload(), event.timestamp());
    }

    /**
     * Locks the sequencer row, so one sequencer runs at a time across nodes, and numbers the committed
     * events that have no cursor yet in insertion order.
     */
    @Override
    public int sequence(int limit) {
        if (sql.queryOne("SELECT seq FROM events WHERE event_cursor IS NULL LIMIT 1", row -> row.getLong(1)).isEmpty()) {
            return 0;
        }
        long last = sql.queryOne("SELECT last_cursor FROM event_sequencer WHERE id = 1 FOR UPDATE", row -> row.getLong(1))
                .orElseThrow();
        List<Long> waiting = sql.query("SELECT seq FROM events WHERE event_cursor IS NULL ORDER BY seq LIMIT " + limit,
                row -> row.getLong(1));
        if (waiting.isEmpty()) {
            return 0;
        }
        List<Object[]> updates = new ArrayList<>(waiting.size());
        for (Long seq : waiting) {
            updates.add(new Object[] {++last, seq});
        }
        sql.batch("UPDATE events SET event_cursor = ? WHERE seq = ?", updates);
        sql.update("UPDATE event_sequencer SET last_cursor = ? WHERE id = 1", last);
        return waiting.size();
    }

    @Override
    public List<StoredEvent> read(Query query) {
        StringBuilder where = new StringBuilder(" WHERE event_cursor > ?");
        List<Object> args = new ArrayList<>(List.of(query.afterCursor()));
        if (query.workspaceIds() != null) {
            if (query.workspaceIds().isEmpty()) {
                return List.of();
            }
            where.append(" AND workspace_id IN (").append(JdbcExecutions.placeholders(query.workspaceIds().size())).append(')');
            args.addAll(query.workspaceIds());
        }
        if (query.patterns() != null) {
            if (query.patterns().isEmpty()) {
                return List.of();
            }
            where.append(" AND (");
            int i = 0;
            for (ChannelAddress pattern : query.patterns()) {
                where.append(i++ == 0 ? "" : " OR ").append(pattern.isWildcard() ? "channel LIKE ?" : "channel = ?");
                args.add(pattern.isWildcard() ? pattern.value().replace("*", "%") : pattern.value());
            }
            where.append(')');
        }
        List<StoredEvent> events = sql.query("SELECT event_cursor, id, channel, name, workspace_id, payload FROM events"
                + where + " ORDER BY event_cursor LIMIT " + query.limit(), row -> new StoredEvent(row.getLong("event_cursor"),
                Sql.uuid(row, "id"), new ChannelAddress(row.getString("channel")), row.getString("name"),
                Sql.uuid(row, "workspace_id"), (ObjectNode) Sql.json(row, "payload")), args.toArray());
        if (query.patterns() == null) {
            return events;
        }
        return events.stream().filter(e -> query.patterns().stream().anyMatch(p -> p.matches(e.channel()))).toList();
    }

    @Override
    public long lastCursor() {
        return sql.count("SELECT last_cursor FROM event_sequencer WHERE id = 1");
    }

    /** Finds the batch first, then deletes it by key: H2 runs {@code DELETE … WHERE seq IN (SELECT … LIMIT n)} in quadratic time. */
    @Override
    public int deleteBefore(Instant before, int limit) {
        List<Long> batch = sql.query("SELECT seq FROM events WHERE created_at < ? AND event_cursor IS NOT NULL ORDER BY created_at LIMIT "
                + limit, row -> row.getLong(1), before);
        return sql.deleteByKeys("events", "seq", batch);
    }
}
