package io.flowgate.core.execution;

import java.time.Instant;

/** One attempt at a step run; {@code error} is null when it succeeded. */
public record StepAttempt(int attempt, StepRunStatus status, StepError error, Instant startedAt, Instant endedAt) {
}
