package io.flowgate.core.port;

/** The repositories, all bound to one transaction. */
public interface StoreTx {
    UserRepository users();

    WorkspaceRepository workspaces();

    FlowRepository flows();

    ExecutionRepository executions();

    EventLog events();

    IdempotencyKeys idempotencyKeys();

    Timers timers();

    DeadLetters deadLetters();

    Leases leases();

    Schedules schedules();

    TopicRepository topics();
}
