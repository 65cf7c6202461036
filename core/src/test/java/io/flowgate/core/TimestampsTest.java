package io.flowgate.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimestampsTest {

    @ParameterizedTest
    @CsvSource({
            "2026-11-27T10:00:00Z,            2026-11-27T10:00:00.000Z",
            "2026-11-27T10:00:00.1Z,          2026-11-27T10:00:00.100Z",
            "2026-11-27T10:00:00.012Z,        2026-11-27T10:00:00.012Z",
            "2026-11-27T10:00:00.000999Z,     2026-11-27T10:00:00.000Z",
            "2026-11-27T23:59:59.999999999Z,  2026-11-27T23:59:59.999Z",
            "1970-01-01T00:00:00Z,            1970-01-01T00:00:00.000Z",
            "2024-02-29T00:00:00.5Z,          2024-02-29T00:00:00.500Z",
            "9999-12-31T23:59:59.999Z,        9999-12-31T23:59:59.999Z"})
    void formatsUtcWithExactlyThreeFractionalDigits(String instant, String expected) {
        assertThat(Timestamps.format(Instant.parse(instant))).isEqualTo(expected);
    }

    @Test
    void formatIsUtcWhateverTheDefaultZone() {
        Instant instant = Instant.parse("2026-06-01T22:30:00Z");

        assertThat(Timestamps.format(instant)).isEqualTo("2026-06-01T22:30:00.000Z")
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    }

    @Test
    void parseReadsWhatFormatWrites() {
        Instant instant = Instant.parse("2026-11-27T10:00:00.123Z");

        assertThat(Timestamps.parse(Timestamps.format(instant))).isEqualTo(instant);
    }

    @Test
    void parseAcceptsAnOffsetAndGivesTheSameInstant() {
        assertThat(Timestamps.parse("2026-11-27T11:00:00.000+01:00")).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
    }

    @Test
    void millisCutsToMillisecondsWithoutRounding() {
        assertThat(Timestamps.millis(Instant.parse("2026-11-27T10:00:00.123999999Z")))
                .isEqualTo(Instant.parse("2026-11-27T10:00:00.123Z"));
    }
}
