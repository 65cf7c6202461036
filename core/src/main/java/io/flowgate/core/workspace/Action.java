package io.flowgate.core.workspace;

/** Everything a member can do in a workspace; {@link Permissions} says which roles may. */
public enum Action {
    READ,
    MANAGE_WORKSPACE,
    DELETE_WORKSPACE,
    MANAGE_MEMBERS,
    /** Give or take the owner role, or remove an owner. */
    MANAGE_OWNERS,
    WRITE_FLOWS,
    RUN_FLOWS,
    WRITE_CREDENTIALS,
    WRITE_TOPICS,
    PUBLISH_TOPICS,
    WRITE_RECIPES,
    WRITE_SUBSCRIPTIONS,
    WRITE_COMPONENTS,
    RETRY_EXECUTIONS,
    RETRY_DEAD_LETTERS
}
