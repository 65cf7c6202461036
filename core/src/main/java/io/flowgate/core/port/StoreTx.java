package io.flowgate.core.port;

/** The repositories, all bound to one transaction. */
public interface StoreTx {
    UserRepository users();

    WorkspaceRepository workspaces();

    FlowRepository flows();

    ExecutionRepository executions();

    EventLog events();

    /** How far the followers of the event log (delivery planner, AMQP relay) have read it. */
    Watermarks watermarks();

    SubscriptionRepository subscriptions();

    DeliveryRepository deliveries();

    IdempotencyKeys idempotencyKeys();

    Timers timers();

    DeadLetters deadLetters();

    Leases leases();

    Schedules schedules();

    CredentialRepository credentials();

    RecipeRepository recipes();

    ComponentRepository components();

    TopicRepository topics();
}
