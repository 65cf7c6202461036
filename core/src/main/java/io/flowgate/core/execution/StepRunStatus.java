package io.flowgate.core.execution;

import io.flowgate.core.WireWord;

/** Where one step run stands. */
public enum StepRunStatus implements WireWord {
    /** An attempt failed and another one is scheduled. */
    RETRYING,
    SUCCEEDED,
    /** The last attempt failed, or the error was permanent. */
    FAILED;
}
