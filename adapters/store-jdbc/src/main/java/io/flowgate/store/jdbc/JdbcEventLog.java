package io.flowgate.store.jdbc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.event.ChannelAddress;
import io.flowgate.core.event.PlatformEvent;
import io.flowgate.core.event.StoredEvent;
import io.flowgate.core.port.EventLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The event log in the {@code events} table. On PostgreSQL events are inserted without a cursor and the
 * sequencer numbers them after commit ({@link #sequence}), so that writers on several nodes never wait for
 * each other. On the embedded database (one node) a transaction numbers its own events just before it
 * commits, holding the sequencer row until then: commit order is cursor order, and the second write of
 * every event (and of its indexes) that sequencing after commit costs is saved.
 */
final class JdbcEventLog implements EventLog {

    private static final String INSERT = "INSERT INTO events (id, channel, name, workspace_id, payload, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?)";
    private static final String INSERT_NUMBERED = "INSERT INTO events (id, channel, name, workspace_id, payload, created_at,"
            + " event_cursor) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private final Sql sql;
    private final boolean numberAtCommit;
    private final List<PlatformEvent> unnumbered = new ArrayList<>();
    private boolean appended;

    JdbcEventLog(Sql sql, boolean numberAtCommit) {
        this.sql = sql;
        this.numberAtCommit = numberAtCommit;
    }

    /** Whether this transaction appended events. */
    boolean appended() {
        return appended;
    }

    @Override
    public void append(PlatformEvent event) {
        appended = true;
        if (numberAtCommit) {
            unnumbered.add(event);
        } else {
            sql.update(INSERT, columns(event));
        }
    }

    /**
     * When numbering at commit: inserts the events appended in this transaction with the next cursors. Runs
     * last before the commit, so the sequencer row is the last lock the transaction takes (no lock cycles).
     */
    void beforeCommit() {
        if (unnumbered.isEmpty()) {
            return;
        }
        long last = lockSequencer();
        List<Object[]> rows = new ArrayList<>(unnumbered.size());
        for (PlatformEvent event : unnumbered) {
            Object[] row = Arrays.copyOf(columns(event), 7);
            row[6] = ++last;
            rows.add(row);
        }
        sql.batch(INSERT_NUMBERED, rows);
        sql.update("UPDATE event_sequencer SET last_cursor = ? WHERE id = 1", last);
        unnumbered.clear();
    }

    /** The values of {@link #INSERT}'s columns, which {@link #INSERT_NUMBERED} starts with. */
    private static Object[] columns(PlatformEvent event) {
        return new Object[] {event.eventId(), event.channel().value(), event.name(), event.workspaceId(), event.payload(),
                event.timestamp()};
    }

    private long lockSequencer() {
        return sql.queryOne("SELECT last_cursor FROM event_sequencer WHERE id = 1 FOR UPDATE", row -> row.getLong(1)).orElseThrow();
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
        long last = lockSequencer();
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
