package io.flowgate.core.execution;

/**
 * What a step reported when it failed: the {@code error} object of FlowErrorEvent. Its fields are
 * always strings: a missing name is {@code Error}, a missing message or stack is empty.
 */
public record StepError(String name, String message, String stack) {

    public StepError {
        name = name == null || name.isBlank() ? "Error" : name;
        message = message == null ? "" : message;
        stack = stack == null ? "" : stack;
    }
}
