package io.flowgate.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    @Test
    void theStandardScheduleIsSvixsAndGivesUpAfterTheEighthAttempt() {
        RetrySchedule exact = RetrySchedule.jittered(RetrySchedule.STANDARD, () -> 0.5);

        assertThat(List.of(1, 2, 3, 4, 5, 6, 7)).map(failures -> exact.delayAfter(failures).orElseThrow()).containsExactly(
                Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5),
                Duration.ofHours(10), Duration.ofHours(10));
        assertThat(exact.delayAfter(8)).isEmpty();
        assertThat(exact.delayAfter(0)).isEmpty();
    }

    @Test
    void jitterMovesAWaitByAtMostAFifth() {
        RetrySchedule earliest = RetrySchedule.jittered(RetrySchedule.STANDARD, () -> 0.0);
        RetrySchedule latest = RetrySchedule.jittered(RetrySchedule.STANDARD, () -> 1.0);

        assertThat(earliest.delayAfter(1)).contains(Duration.ofSeconds(4));
        assertThat(latest.delayAfter(1)).contains(Duration.ofSeconds(6));
        assertThat(latest.delayAfter(7)).contains(Duration.ofHours(12));
    }

    @Test
    void anEmptyScheduleNeverRetries() {
        assertThat(RetrySchedule.jittered(List.of(), Math::random).delayAfter(1)).isEmpty();
    }
}
