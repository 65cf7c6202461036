package io.flowgate.core.subscription;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/** When to try a failed delivery again: the wait after the {@code failures}-th failure, or empty to give up. */
@FunctionalInterface
public interface RetrySchedule {

    /** The default, as Svix does it: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (8 attempts in all). */
    List<Duration> STANDARD = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));

    /** How much a wait may be shortened or lengthened at random, so retries of many deliveries spread out. */
    double JITTER = 0.2;

    Optional<Duration> delayAfter(int failures);

    /** The waits of {@code delays} in turn, each moved by up to ±20 % ({@code random} gives 0 to 1). */
    static RetrySchedule jittered(List<Duration> delays, DoubleSupplier random) {
        List<Duration> waits = List.copyOf(delays);
        return failures -> {
            if (failures < 1 || failures > waits.size()) {
                return Optional.empty();
            }
            double factor = 1 + JITTER * (2 * random.getAsDouble() - 1);
            return Optional.of(Duration.ofMillis(Math.round(waits.get(failures - 1).toMillis() * factor)));
        };
    }
}
