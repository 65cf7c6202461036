package io.flowgate.core.execution;

import io.flowgate.core.WireWord;
import io.flowgate.core.FlowgateException;

/** The lifecycle of an execution; the wire words are those of FlowExecutionEvent (plus {@code running}). */
public enum ExecutionStatus implements WireWord {
    RUNNING, COMPLETED, FAILED, SUSPENDED;

    public boolean isTerminal() {
        return this != RUNNING;
    }

    public static ExecutionStatus fromWire(String value) {
        return WireWord.parse(ExecutionStatus.class, value)
                .orElseThrow(() -> FlowgateException.invalid("status must be one of running, completed, failed, suspended; got '" + value + "'"));
    }
}
