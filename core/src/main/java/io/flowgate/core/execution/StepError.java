package io.flowgate.core.execution;

/** What a step reported when it failed: the {@code error} object of FlowErrorEvent. */
public record StepError(String name, String message, String stack) {
}
