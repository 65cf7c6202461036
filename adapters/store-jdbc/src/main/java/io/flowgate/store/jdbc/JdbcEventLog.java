package io.flowgate.store.jdbc;

import io.flowgate.core.event.ChannelAddress;
import io.flowgate.core.event.PlatformEvent;
import io.flowgate.core.event.StoredEvent;
import io.flowgate.core.port.EventLog;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    private static final String SELECT = "SELECT event_cursor, id, channel, name, workspace_id, payload FROM events";
    /** The most events one query of a filtered read fetches. */
    private static final int MAX_CHUNK = 4_000;

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

    /**
     * Reads in cursor order, narrowing the SQL only where an index keeps that order (one exact channel, or
     * else one workspace, ordered by that column then the cursor) and filtering the rest here, a chunk at a
     * time until the page is full or the log ends. Narrowing by a channel prefix ({@code LIKE}) or a list
     * of workspaces would make both databases collect and sort every matching event after the cursor to
     * return the first few: a read falling behind a busy log would then cost more the further behind it is.
     */
    @Override
    public List<StoredEvent> read(Query query) {
        if (!query.selectsSomething()) {
            return List.of();
        }
        Narrowing narrowing = Narrowing.of(query);
        List<StoredEvent> found = new ArrayList<>();
        long after = query.afterCursor();
        int chunk = query.limit();
        while (true) {
            List<StoredEvent> scanned = sql.query(SELECT + narrowing.where() + " ORDER BY " + narrowing.orderBy()
                    + " LIMIT " + chunk, JdbcEventLog::storedEvent, narrowing.arguments(after));
            for (StoredEvent event : scanned) {
                if (query.accepts(event.channel(), event.workspaceId())) {
                    found.add(event);
                }
                if (found.size() == query.limit()) {
                    return found;
                }
            }
            if (scanned.size() < chunk) {
                return found;
            }
            after = scanned.getLast().cursor();
            chunk = Math.min(chunk * 4, MAX_CHUNK);
        }
    }

    /** The part of a read the SQL does: at most one equality on the first column of an index that ends with the cursor. */
    private record Narrowing(String column, Object value) {

        static Narrowing of(Query query) {
            if (query.patterns() != null && query.patterns().size() == 1 && !query.patterns().iterator().next().isWildcard()) {
                return new Narrowing("channel", query.patterns().iterator().next().value());
            }
            if (query.workspaceIds() != null && query.workspaceIds().size() == 1) {
                return new Narrowing("workspace_id", query.workspaceIds().iterator().next());
            }
            return new Narrowing(null, null);
        }

        String where() {
            return " WHERE event_cursor > ?" + (column == null ? "" : " AND " + column + " = ?");
        }

        /** With the narrowing column first, so that the database reads the index in order and stops at the limit. */
        String orderBy() {
            return column == null ? "event_cursor" : column + ", event_cursor";
        }

        Object[] arguments(long afterCursor) {
            return column == null ? new Object[] {afterCursor} : new Object[] {afterCursor, value};
        }
    }

    private static StoredEvent storedEvent(ResultSet row) throws SQLException {
        return new StoredEvent(row.getLong("event_cursor"), Sql.uuid(row, "id"), new ChannelAddress(row.getString("channel")),
                row.getString("name"), Sql.uuid(row, "workspace_id"), row.getString("payload"));
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
