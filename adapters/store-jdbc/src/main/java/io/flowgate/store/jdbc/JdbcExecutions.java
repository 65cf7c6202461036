package io.flowgate.store.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.execution.Execution;
import io.flowgate.core.execution.ExecutionStatus;
import io.flowgate.core.execution.StepAttempt;
import io.flowgate.core.execution.StepError;
import io.flowgate.core.execution.StepRun;
import io.flowgate.core.execution.StepRunStatus;
import io.flowgate.core.port.ExecutionRepository;
import io.flowgate.core.port.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

final class JdbcExecutions implements ExecutionRepository {

    private static final String COLUMNS = "id, flow_id, workspace_id, flow_version, status, request_id, correlation_id, "
            + "started_at, ended_at, step_count, pending, failed_steps";
    private static final String ATTEMPT_COLUMNS = "message_id, attempt, execution_id, step_id, parent_message_id, status, "
            + "input, emitted, error_name, error_message, error_stack, started_at, ended_at";

    /** The order of {@link #newestFirst}: both databases compare UUIDs as unsigned bytes. */
    private static final Comparator<Execution> NEWEST_FIRST = Comparator.comparing(Execution::startedAt)
            .thenComparing(Execution::id, JdbcExecutions::compareUnsigned).reversed();

    private final Sql sql;

    JdbcExecutions(Sql sql) {
        this.sql = sql;
    }

    @Override
    public boolean insertIfAbsent(Execution e) {
        return sql.update("INSERT INTO executions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                e.id(), e.flowId(), e.workspaceId(), e.flowVersion(), e.status().wire(), e.requestId(), e.correlationId(),
                e.startedAt(), e.endedAt(), e.stepCount(), e.pending(), e.failedSteps()) == 1;
    }

    @Override
    public Optional<Execution> find(UUID id) {
        return sql.queryOne("SELECT " + COLUMNS + " FROM executions WHERE id = ?", JdbcExecutions::execution, id);
    }

    @Override
    public Optional<Execution> lock(UUID id) {
        return sql.queryOne("SELECT " + COLUMNS + " FROM executions WHERE id = ? FOR UPDATE", JdbcExecutions::execution, id);
    }

    /**
     * Each shape of the query reads an index in its order and stops at the page (no sort of every match):
     * one flow through (flow_id, started_at, id), one workspace through (workspace_id, started_at, id),
     * every workspace through (started_at, id); several workspaces are read one by one and merged.
     */
    @Override
    public Page.Result<Execution> list(Filter filter, Page page) {
        List<UUID> workspaceIds = filter.workspaceIds();
        Narrowing narrowing = Narrowing.of(filter);
        if (filter.flowId() != null) {
            return flowInWorkspaces(filter.flowId(), workspaceIds)
                    ? listBy("flow_id", filter.flowId(), narrowing, page) : empty(page);
        }
        if (workspaceIds == null) {
            return listBy(null, null, narrowing, page);
        }
        return switch (workspaceIds.size()) {
            case 0 -> empty(page);
            case 1 -> listBy("workspace_id", workspaceIds.getFirst(), narrowing, page);
            default -> listMerged(workspaceIds, narrowing, page);
        };
    }

    /** The status and start-time conditions of a filter, the same in every shape of the query. */
    private record Narrowing(String conditions, List<Object> args) {

        static Narrowing of(Filter filter) {
            StringBuilder conditions = new StringBuilder();
            List<Object> args = new ArrayList<>();
            if (filter.status() != null) {
                conditions.append(" AND status = ?");
                args.add(filter.status().wire());
            }
            if (filter.from() != null) {
                conditions.append(" AND started_at >= ?");
                args.add(filter.from());
            }
            if (filter.to() != null) {
                conditions.append(" AND started_at < ?");
                args.add(filter.to());
            }
            return new Narrowing(conditions.toString(), args);
        }

        /** {@code FROM ... WHERE} with {@code column = ?} first (none when null), and the arguments. */
        String fromAndWhere(String column) {
            return "executions WHERE " + (column == null ? "1 = 1" : column + " = ?") + conditions;
        }

        Object[] argsAfter(Object value) {
            List<Object> all = new ArrayList<>();
            if (value != null) {
                all.add(value);
            }
            all.addAll(args);
            return all.toArray();
        }
    }

    /** ORDER BY starts with the equality column, or neither database reads the index in that order. */
    private static String newestFirst(String column) {
        return (column == null ? "" : column + " DESC, ") + "started_at DESC, id DESC";
    }

    private Page.Result<Execution> listBy(String column, Object value, Narrowing narrowing, Page page) {
        return sql.page(COLUMNS, narrowing.fromAndWhere(column), newestFirst(column), JdbcExecutions::execution, page,
                narrowing.argsAfter(value));
    }

    /** Every execution of a flow is in the flow's workspace: one row tells whether the caller may read them. */
    private boolean flowInWorkspaces(UUID flowId, List<UUID> workspaceIds) {
        if (workspaceIds == null) {
            return true;
        }
        Optional<UUID> workspace = sql.queryOne("SELECT workspace_id FROM executions WHERE flow_id = ? LIMIT 1",
                row -> Sql.uuid(row, "workspace_id"), flowId);
        return workspace.isPresent() && workspaceIds.contains(workspace.get());
    }

    /** Up to the page's end from each workspace, newest first, merged; the page is cut from the merge. */
    private Page.Result<Execution> listMerged(List<UUID> workspaceIds, Narrowing narrowing, Page page) {
        long end = (long) page.offset() + page.size();
        long total = 0;
        List<Execution> merged = new ArrayList<>();
        for (UUID workspaceId : workspaceIds) {
            Object[] args = narrowing.argsAfter(workspaceId);
            total += sql.count("SELECT COUNT(*) FROM " + narrowing.fromAndWhere("workspace_id"), args);
            merged.addAll(sql.query("SELECT " + COLUMNS + " FROM " + narrowing.fromAndWhere("workspace_id")
                    + " ORDER BY " + newestFirst("workspace_id") + " LIMIT " + end, JdbcExecutions::execution, args));
        }
        merged.sort(NEWEST_FIRST);
        int from = (int) Math.min(page.offset(), merged.size());
        int to = (int) Math.min(end, merged.size());
        return new Page.Result<>(List.copyOf(merged.subList(from, to)), total, page);
    }

    private static int compareUnsigned(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    private static Page.Result<Execution> empty(Page page) {
        return new Page.Result<>(List.of(), 0, page);
    }

    @Override
    public boolean recordAttempt(AttemptRecord r) {
        StepAttempt a = r.attempt();
        StepError error = a.error();
        return sql.update("INSERT INTO step_attempts (" + ATTEMPT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING",
                r.messageId(), a.attempt(), r.executionId(), r.stepId(), r.parentMessageId(), a.status().wire(),
                r.input(), r.emitted(), error == null ? null : error.name(), error == null ? null : error.message(),
                error == null ? null : error.stack(), a.startedAt(), a.endedAt()) == 1;
    }

    @Override
    public Optional<JsonNode> emittedBy(UUID messageId, int attempt) {
        return sql.queryOne("SELECT emitted FROM step_attempts WHERE message_id = ? AND attempt = ?",
                row -> Sql.json(row, "emitted"), messageId, attempt);
    }

    @Override
    public Execution count(UUID executionId, int pendingDelta, int stepRunsDelta, int failedDelta) {
        int updated = sql.update("UPDATE executions SET pending = pending + ?, step_count = step_count + ?, "
                + "failed_steps = failed_steps + ? WHERE id = ?", pendingDelta, stepRunsDelta, failedDelta, executionId);
        if (updated == 0) {
            throw FlowgateException.notFound("Execution " + executionId + " does not exist");
        }
        return find(executionId).orElseThrow();
    }

    @Override
    public void setStatus(UUID executionId, ExecutionStatus status, Instant endedAt) {
        sql.update("UPDATE executions SET status = ?, ended_at = ? WHERE id = ?", status.wire(), endedAt, executionId);
    }

    @Override
    public List<Execution> running(UUID flowId) {
        return sql.query("SELECT " + COLUMNS + " FROM executions WHERE flow_id = ? AND status = ?",
                JdbcExecutions::execution, flowId, ExecutionStatus.RUNNING.wire());
    }

    @Override
    public List<StepRun> stepRuns(UUID executionId) {
        List<AttemptRow> rows = sql.query("SELECT " + ATTEMPT_COLUMNS + " FROM step_attempts WHERE execution_id = ? "
                + "ORDER BY started_at, message_id, attempt", JdbcExecutions::attemptRow, executionId);
        Map<UUID, List<AttemptRow>> byMessage = rows.stream()
                .collect(Collectors.groupingBy(AttemptRow::messageId, LinkedHashMap::new, Collectors.toList()));
        return byMessage.values().stream().map(JdbcExecutions::stepRun).toList();
    }

    @Override
    public List<StepRun> failedStepRuns(UUID executionId) {
        return stepRuns(executionId).stream().filter(run -> run.status() == StepRunStatus.FAILED).toList();
    }

    @Override
    public int deleteEndedBefore(Instant endedBefore, int limit) {
        // through executions_started: an execution ends after it started, so those ended before are among
        // those started before
        List<UUID> ids = sql.query("SELECT id FROM executions WHERE started_at < ? AND ended_at < ? ORDER BY started_at LIMIT "
                + limit, row -> Sql.uuid(row, "id"), endedBefore, endedBefore);
        if (ids.isEmpty()) {
            return 0;
        }
        String in = placeholders(ids.size());
        sql.update("DELETE FROM step_attempts WHERE execution_id IN (" + in + ")", ids.toArray());
        return sql.update("DELETE FROM executions WHERE id IN (" + in + ")", ids.toArray());
    }

    @Override
    public int dropInputsBefore(Instant before, int limit) {
        return sql.update("UPDATE step_attempts SET input = NULL WHERE (message_id, attempt) IN (SELECT message_id, attempt "
                + "FROM step_attempts WHERE started_at < ? AND input IS NOT NULL LIMIT " + limit + ")", before);
    }

    private record AttemptRow(UUID messageId, UUID executionId, String stepId, UUID parentMessageId, JsonNode input,
                              JsonNode emitted, StepAttempt attempt) {
    }

    private static AttemptRow attemptRow(ResultSet row) throws SQLException {
        String errorName = row.getString("error_name");
        StepError error = errorName == null ? null
                : new StepError(errorName, row.getString("error_message"), row.getString("error_stack"));
        StepAttempt attempt = new StepAttempt(row.getInt("attempt"),
                StepRunStatus.valueOf(row.getString("status").toUpperCase(Locale.ROOT)), error,
                Sql.instant(row, "started_at"), Sql.instant(row, "ended_at"));
        return new AttemptRow(Sql.uuid(row, "message_id"), Sql.uuid(row, "execution_id"), row.getString("step_id"),
                Sql.uuid(row, "parent_message_id"), Sql.json(row, "input"), Sql.json(row, "emitted"), attempt);
    }

    private static StepRun stepRun(List<AttemptRow> attempts) {
        AttemptRow first = attempts.getFirst();
        AttemptRow last = attempts.getLast();
        int emitted = last.emitted() == null ? 0 : last.emitted().size();
        return new StepRun(first.messageId(), first.executionId(), first.stepId(), first.parentMessageId(),
                last.attempt().status(), first.input(), emitted, attempts.stream().map(AttemptRow::attempt).toList(),
                first.attempt().startedAt(), last.attempt().endedAt());
    }

    private static Execution execution(ResultSet row) throws SQLException {
        return new Execution(Sql.uuid(row, "id"), Sql.uuid(row, "flow_id"), Sql.uuid(row, "workspace_id"),
                row.getInt("flow_version"), ExecutionStatus.fromWire(row.getString("status")), Sql.uuid(row, "request_id"),
                row.getString("correlation_id"), Sql.instant(row, "started_at"), Sql.instant(row, "ended_at"),
                row.getInt("step_count"), row.getInt("pending"), row.getInt("failed_steps"));
    }

    static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }
}
