package io.flowgate.store.jdbc;

import io.flowgate.core.crypto.SecretCipher;
import io.flowgate.core.port.ComponentRepository;
import io.flowgate.core.port.CredentialRepository;
import io.flowgate.core.port.DeadLetters;
import io.flowgate.core.port.RecipeRepository;
import io.flowgate.core.port.DeliveryRepository;
import io.flowgate.core.port.EventLog;
import io.flowgate.core.port.ExecutionRepository;
import io.flowgate.core.port.FlowRepository;
import io.flowgate.core.port.IdempotencyKeys;
import io.flowgate.core.port.Leases;
import io.flowgate.core.port.Schedules;
import io.flowgate.core.port.StoreTx;
import io.flowgate.core.port.SubscriptionRepository;
import io.flowgate.core.port.Timers;
import io.flowgate.core.port.TopicRepository;
import io.flowgate.core.port.UserRepository;
import io.flowgate.core.port.Watermarks;
import io.flowgate.core.port.WorkspaceRepository;
import java.sql.Connection;

/** The repositories of one transaction, all on its connection. */
final class JdbcTx implements StoreTx {

    private final Sql sql;
    private final SecretCipher secrets;
    private final boolean numberEventsAtCommit;
    private JdbcEventLog events;

    JdbcTx(Connection connection, SecretCipher secrets, boolean numberEventsAtCommit) {
        this.sql = new Sql(connection);
        this.secrets = secrets;
        this.numberEventsAtCommit = numberEventsAtCommit;
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
        if (events == null) {
            events = new JdbcEventLog(sql, numberEventsAtCommit);
        }
        return events;
    }

    /** Writes what waits for the end of the transaction; called just before it commits. */
    void beforeCommit() {
        if (events != null) {
            events.beforeCommit();
        }
    }

    /** Whether this transaction appended events (to tell listeners once it committed). */
    boolean appendedEvents() {
        return events != null && events.appended();
    }

    @Override
    public Watermarks watermarks() {
        return new JdbcWatermarks(sql);
    }

    @Override
    public SubscriptionRepository subscriptions() {
        return new JdbcSubscriptions(sql, secrets);
    }

    @Override
    public DeliveryRepository deliveries() {
        return new JdbcDeliveries(sql);
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
    public CredentialRepository credentials() {
        return new JdbcCredentials(sql);
    }

    @Override
    public RecipeRepository recipes() {
        return new JdbcRecipes(sql);
    }

    @Override
    public ComponentRepository components() {
        return new JdbcComponents(sql);
    }

    @Override
    public TopicRepository topics() {
        return new JdbcTopics(sql);
    }
}
