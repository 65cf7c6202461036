package io.flowgate.core.execution;

import io.flowgate.core.FlowgateException;
import java.util.Locale;

/** The lifecycle of an execution; the wire words are those of FlowExecutionEvent (plus {@code running}). */
public enum ExecutionStatus {
    RUNNING, COMPLETED, FAILED, SUSPENDED;

    public boolean isTerminal() {
        return this != RUNNING;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ExecutionStatus fromWire(String value) {
        for (ExecutionStatus status : values()) {
            if (status.wire().equals(value)) {
                return status;
            }
        }
        throw FlowgateException.invalid("status must be one of running, completed, failed, suspended; got '" + value + "'");
    }
}
