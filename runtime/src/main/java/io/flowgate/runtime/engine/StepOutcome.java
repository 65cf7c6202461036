package io.flowgate.runtime.engine;

import io.flowgate.core.execution.StepError;
import io.flowgate.core.execution.StepRunStatus;
import io.flowgate.core.message.StepMessage;
import io.flowgate.core.port.Timers;
import java.util.List;

/**
 * What processing one step message leads to, decided before anything is written: the messages to send
 * now, the timers to set (delays, retries), the error to report, and how the execution's counters move.
 */
record StepOutcome(StepRunStatus status, List<StepMessage> sendNow, List<Timers.Timer> timers, StepError error,
                   boolean willRetry, int pendingDelta, int failedDelta) {
}
