package io.flowgate.runtime.component;

/** A step ready to run: its fields are parsed and its expressions compiled. */
@FunctionalInterface
public interface PreparedStep {
    StepResult run(StepContext context);
}
