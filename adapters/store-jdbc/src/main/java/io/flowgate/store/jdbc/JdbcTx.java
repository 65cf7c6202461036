package io.flowgate.store.jdbc;

import io.flowgate.core.port.DeadLetters;
import io.flowgate.core.port.EventLog;
import io.flowgate.core.port.ExecutionRepository;
import io.flowgate.core.port.FlowRepository;
import io.flowgate.core.port.IdempotencyKeys;
import io.flowgate.core.port.Leases;
import io.flowgate.core.port.Schedules;
import io.flowgate.core.port.StoreTx;
import io.flowgate.core.port.Timers;
import io.flowgate.core.port.TopicRepository;
import io.flowgate.core.port.UserRepository;
import io.flowgate.core.port.WorkspaceRepository;
import java.sql.Connection;

/** The repositories of one transaction, all on its connection. */
final class JdbcTx implements StoreTx {

    private final Sql sql;

    JdbcTx(Connection connection) {
        this.sql = new Sql(connection);
    }

    @Override
    public UserRepository users() {
        return new JdbcUsers(sql);
    }

    @Override
    public WorkspaceRepository workspaces() {
        return new JdbcWorkspaces(sql);
    }

    @Override
    public FlowRepository flows() {
        return new JdbcFlows(sql);
    }

    @Override
    public ExecutionRepository executions() {
        return new JdbcExecutions(sql);
    }

    @Override
    public EventLog events() {
        return new JdbcEventLog(sql);
    }

    @Override
    public IdempotencyKeys idempotencyKeys() {
        return new JdbcIdempotencyKeys(sql);
    }

    @Override
    public Timers timers() {
        return new JdbcTimers(sql);
    }

    @Override
    public DeadLetters deadLetters() {
        return new JdbcDeadLetters(sql);
    }

    @Override
    public Leases leases() {
        return new JdbcLeases(sql);
    }

    @Override
    public Schedules schedules() {
        return new JdbcSchedules(sql);
    }

    @Override
    public TopicRepository topics() {
        return new JdbcTopics(sql);
    }
}
