package io.flowgate.core.execution;

import java.util.Locale;

/** Where one step run stands. */
public enum StepRunStatus {
    /** An attempt failed and another one is scheduled. */
    RETRYING,
    SUCCEEDED,
    /** The last attempt failed, or the error was permanent. */
    FAILED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
