package io.flowgate.core.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.flow.FlowType;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExecutionTest {

    private static final Instant START = Instant.parse("2026-11-27T10:00:00Z");

    private static Execution execution(Instant endedAt, int failedSteps) {
        return new Execution(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 1, ExecutionStatus.RUNNING,
                null, null, START, endedAt, 3, 0, failedSteps);
    }

    @Test
    void endsCompletedWithoutFailedStepsAndFailedWithSome() {
        assertThat(execution(null, 0).outcome()).isEqualTo(ExecutionStatus.COMPLETED);
        assertThat(execution(null, 1).outcome()).isEqualTo(ExecutionStatus.FAILED);
    }

    @Test
    void hasADurationOnceEnded() {
        assertThat(execution(null, 0).durationMillis()).isNull();
        assertThat(execution(START.plusMillis(1234), 0).durationMillis()).isEqualTo(1234L);
    }

    @ParameterizedTest
    @EnumSource(ExecutionStatus.class)
    void statusWordsRoundTrip(ExecutionStatus status) {
        assertThat(ExecutionStatus.fromWire(status.wire())).isEqualTo(status);
        assertThat(status.isTerminal()).isEqualTo(status != ExecutionStatus.RUNNING);
    }

    @Test
    void anUnknownStatusIsBadInput() {
        assertThatThrownBy(() -> ExecutionStatus.fromWire("done"))
                .isInstanceOfSatisfying(FlowgateException.class,
                        e -> assertThat(e.kind()).isEqualTo(FlowgateException.Kind.INVALID_INPUT));
    }

    @Test
    void flowTypesAreTheContractWords() {
        assertThat(FlowType.fromWire("ordinary")).isEqualTo(FlowType.ORDINARY);
        assertThat(FlowType.fromWire("long_running")).isEqualTo(FlowType.LONG_RUNNING);
        assertThatThrownBy(() -> FlowType.fromWire("LONG_RUNNING")).isInstanceOf(FlowgateException.class);
    }
}
