package io.flowgate.runtime.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExpiringCacheTest {

    private final MutableClock clock = new MutableClock();
    private final AtomicInteger loads = new AtomicInteger();
    private final ExpiringCache<String, Integer> cache = new ExpiringCache<>(clock, Duration.ofSeconds(1), 2);

    @Test
    void aValueIsLoadedOnceWhileItLives() {
        assertThat(cache.get("a", this::load)).isEqualTo(1);
        clock.advance(Duration.ofMillis(999));

        assertThat(cache.get("a", this::load)).isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(cache.get("a", this::load)).isEqualTo(2);
    }

    @Test
    void anEvictedValueIsLoadedAgain() {
        cache.get("a", this::load);
        cache.evict("a");

        assertThat(cache.get("a", this::load)).isEqualTo(2);
        cache.evictAll();
        assertThat(cache.get("a", this::load)).isEqualTo(3);
    }

    @Test
    void whenFullItStartsOver() {
        cache.get("a", this::load);
        cache.get("b", this::load);
        cache.get("c", this::load);

        assertThat(cache.get("a", this::load)).isEqualTo(4);
    }

    private Integer load(String key) {
        return loads.incrementAndGet();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-27T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
