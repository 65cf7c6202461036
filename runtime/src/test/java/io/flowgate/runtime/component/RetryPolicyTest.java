package io.flowgate.runtime.component;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.Json;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {

    private static final RetryPolicy ONE_SECOND_TO_ONE_MINUTE =
            new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofMinutes(1));

    @Test
    void defaultsAreFiveAttemptsOneSecondDoublingCappedAtFiveMinutes() {
        assertThat(RetryPolicy.DEFAULT).isEqualTo(new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofMinutes(5)));
        assertThat(RetryPolicy.of(Json.object())).isEqualTo(RetryPolicy.DEFAULT);
    }

    @Test
    void readsTheRetryFieldAndFillsTheRestWithDefaults() {
        ObjectNode fields = (ObjectNode) Json.parse("{\"retry\":{\"maxAttempts\":3,\"initialDelayMs\":250}}");

        assertThat(RetryPolicy.of(fields)).isEqualTo(new RetryPolicy(3, Duration.ofMillis(250), Duration.ofMinutes(5)));
        assertThat(RetryPolicy.of((ObjectNode) Json.parse("{\"retry\":{\"maxDelayMs\":2000}}")))
                .isEqualTo(new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(2)));
        assertThat(RetryPolicy.of((ObjectNode) Json.parse("{\"retry\":\"often\"}"))).isEqualTo(RetryPolicy.DEFAULT);
    }

    @ParameterizedTest
    @CsvSource({"1, 1000", "2, 2000", "3, 4000", "4, 8000", "5, 16000", "6, 32000", "7, 60000", "8, 60000", "1000, 60000"})
    void theCeilingDoublesAndIsCapped(int attempt, long millis) {
        assertThat(ONE_SECOND_TO_ONE_MINUTE.ceiling(attempt)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void aHugeInitialDelayIsCappedNotOverflowed() {
        RetryPolicy policy = new RetryPolicy(100, Duration.ofMillis(1L << 40), Duration.ofMinutes(5));

        for (int attempt = 1; attempt <= 100; attempt++) {
            assertThat(policy.ceiling(attempt)).isEqualTo(Duration.ofMinutes(5));
        }
    }

    @Test
    void aCapBelowTheInitialDelayWins() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(10), Duration.ofSeconds(3));

        assertThat(policy.ceiling(1)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void attemptsBelowOneCountAsTheFirst() {
        assertThat(ONE_SECOND_TO_ONE_MINUTE.ceiling(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(ONE_SECOND_TO_ONE_MINUTE.ceiling(-5)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void backoffIsJitteredBetweenHalfAndAllOfTheCeiling() {
        for (int attempt = 1; attempt <= 9; attempt++) {
            long ceiling = ONE_SECOND_TO_ONE_MINUTE.ceiling(attempt).toMillis();
            long lowest = Long.MAX_VALUE;
            long highest = Long.MIN_VALUE;
            for (int sample = 0; sample < 2_000; sample++) {
                long backoff = ONE_SECOND_TO_ONE_MINUTE.backoff(attempt).toMillis();
                assertThat(backoff).isBetween((ceiling + 1) / 2, ceiling);
                lowest = Math.min(lowest, backoff);
                highest = Math.max(highest, backoff);
            }
            assertThat(highest).as("jitter spreads the delays").isGreaterThan(lowest);
        }
    }

    @Test
    void anOddCeilingNeverGoesBelowItsHalf() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(3), Duration.ofMillis(3));

        for (int sample = 0; sample < 1_000; sample++) {
            assertThat(policy.backoff(1).toMillis()).isBetween(2L, 3L);
        }
    }

    @Test
    void aZeroDelayStaysZero() {
        RetryPolicy policy = new RetryPolicy(3, Duration.ZERO, Duration.ZERO);

        assertThat(policy.backoff(1)).isZero();
        assertThat(policy.backoff(3)).isZero();
    }

    @Test
    void allowsAnotherAttemptUntilTheLast() {
        RetryPolicy three = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(5));

        assertThat(three.allowsAnotherAfter(1)).isTrue();
        assertThat(three.allowsAnotherAfter(2)).isTrue();
        assertThat(three.allowsAnotherAfter(3)).isFalse();
        assertThat(three.allowsAnotherAfter(4)).isFalse();
        assertThat(new RetryPolicy(1, Duration.ZERO, Duration.ZERO).allowsAnotherAfter(1)).isFalse();
    }
}
