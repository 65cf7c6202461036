package io.flowgate.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowgate.core.Json;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Checks, straight in the database, what "nothing lost, nothing twice" means for one flow: every accepted
 * request has exactly one completed execution; every step ran once per message (one attempt, recorded
 * once, counted once); every execution has exactly one {@code started} and one {@code completed} event;
 * nothing became a dead letter, failed, or stayed pending.
 */
public final class ExactlyOnceAudit {

    private interface Rows<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** A backlog left by a load test is worked off for as long as it takes, as long as executions keep ending. */
    private static final Duration STALL = Duration.ofSeconds(60);
    private static final Duration LIMIT = Duration.ofMinutes(10);

    private final String jdbcUrl;
    private final String user;
    private final String password;

    public ExactlyOnceAudit(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /**
     * Waits until every accepted execution has completed and every event is sequenced (for as long as the
     * cluster makes progress), then checks them all.
     */
    public void assertExactlyOnce(String flowId, Collection<String> accepted, Set<String> stepIds) {
        Set<UUID> expected = new HashSet<>(accepted.stream().map(UUID::fromString).toList());
        assertThat(expected).as("execution ids are unique per accepted request").hasSameSizeAs(accepted);
        Progress.of(() -> settling(flowId), settling -> settling.settled(expected), settling -> settling.missing(expected))
                .await(STALL, LIMIT);

        Map<UUID, String> executions = executionStatuses(flowId);
        assertThat(executions.keySet()).as("every accepted request has its execution").containsAll(expected);
        assertThat(executions.values()).as("every execution of the flow completed").containsOnly("completed");

        List<String> badCounts = query("SELECT e.id, e.step_count, e.pending, e.failed_steps, COUNT(a.message_id), "
                + "COUNT(DISTINCT a.step_id), MAX(a.attempt), MIN(a.status), MAX(a.status) FROM executions e "
                + "LEFT JOIN step_attempts a ON a.execution_id = e.id WHERE e.flow_id = ? "
                + "GROUP BY e.id, e.step_count, e.pending, e.failed_steps", rows -> {
            List<String> bad = new ArrayList<>();
            int steps = stepIds.size();
            while (rows.next()) {
                boolean once = rows.getInt(2) == steps && rows.getInt(3) == 0 && rows.getInt(4) == 0
                        && rows.getInt(5) == steps && rows.getInt(6) == steps && rows.getInt(7) == 1
                        && "succeeded".equals(rows.getString(8)) && "succeeded".equals(rows.getString(9));
                if (!once) {
                    bad.add(rows.getString(1) + " step_count=" + rows.getInt(2) + " pending=" + rows.getInt(3)
                            + " runs=" + rows.getInt(5) + " steps=" + rows.getInt(6) + " max attempt=" + rows.getInt(7));
                }
            }
            return bad;
        }, UUID.fromString(flowId));
        assertThat(badCounts).as("each step ran once per message, and was counted once").isEmpty();

        List<JsonNode> lifecycle = query("SELECT payload FROM events WHERE channel = ?", rows -> {
            List<JsonNode> payloads = new ArrayList<>();
            while (rows.next()) {
                payloads.add(Json.parse(rows.getString(1)));
            }
            return payloads;
        }, "flow/" + flowId + "/execution");
        Map<String, List<String>> statuses = new HashMap<>();
        Set<String> eventIds = new HashSet<>();
        for (JsonNode event : lifecycle) {
            assertThat(eventIds.add(event.path("eventId").asText())).as("event %s stored once", event).isTrue();
            statuses.computeIfAbsent(event.path("executionId").asText(), id -> new ArrayList<>()).add(event.path("status").asText());
        }
        assertThat(statuses).as("every execution has its events").hasSameSizeAs(executions);
        statuses.forEach((execution, seen) -> assertThat(seen).as("events of execution %s", execution)
                .containsExactlyInAnyOrder("started", "completed"));
        assertThat(count("SELECT COUNT(*) FROM events WHERE channel = ?", "flow/" + flowId + "/error"))
                .as("no step failed").isZero();
        assertThat(count("SELECT COUNT(*) FROM dead_letters")).as("nothing was dead-lettered").isZero();
    }

    /**
     * The executions of a flow by id with their status, how many events of any flow wait for their cursor,
     * and the reasons of the dead letters (a message made one instead of its execution).
     */
    private record Settling(Map<UUID, String> statuses, long eventsWithoutCursor, List<String> deadLetters) {

        /** Every accepted request's execution, and every other one of the flow, completed; every event sequenced. */
        boolean settled(Set<UUID> expected) {
            return eventsWithoutCursor == 0 && statuses.keySet().containsAll(expected)
                    && statuses.values().stream().allMatch("completed"::equals);
        }

        /** What keeps the flow from settling, by execution status, with a few execution ids of each. */
        String missing(Set<UUID> expected) {
            Map<String, List<UUID>> waiting = new TreeMap<>();
            expected.forEach(id -> waiting.computeIfAbsent(statuses.getOrDefault(id, "no execution"), s -> new ArrayList<>()).add(id));
            statuses.forEach((id, status) -> {
                if (!expected.contains(id) && !"completed".equals(status)) {
                    waiting.computeIfAbsent("not accepted, " + status, s -> new ArrayList<>()).add(id);
                }
            });
            waiting.remove("completed");
            StringBuilder found = new StringBuilder();
            waiting.forEach((status, ids) -> found.append(ids.size()).append(' ').append(status)
                    .append(" (e.g. ").append(ids.subList(0, Math.min(3, ids.size()))).append("); "));
            return found.append(eventsWithoutCursor).append(" events without a cursor; ").append(deadLetters.size())
                    .append(" dead letters ").append(deadLetters.subList(0, Math.min(3, deadLetters.size()))).toString();
        }
    }

    private Settling settling(String flowId) {
        return new Settling(executionStatuses(flowId), count("SELECT COUNT(*) FROM events WHERE event_cursor IS NULL"),
                query("SELECT reason FROM dead_letters", rows -> {
                    List<String> reasons = new ArrayList<>();
                    while (rows.next()) {
                        reasons.add(rows.getString(1));
                    }
                    return reasons;
                }));
    }

    private Map<UUID, String> executionStatuses(String flowId) {
        return query("SELECT id, status FROM executions WHERE flow_id = ?", rows -> {
            Map<UUID, String> all = new HashMap<>();
            while (rows.next()) {
                all.put(rows.getObject(1, UUID.class), rows.getString(2));
            }
            return all;
        }, UUID.fromString(flowId));
    }

    private long count(String sql, Object... args) {
        return query(sql, rows -> rows.next() ? rows.getLong(1) : 0L, args);
    }

    private <T> T query(String sql, Rows<T> reader, Object... args) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return reader.read(rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The database refused " + sql + ": " + e.getMessage(), e);
        }
    }
}
