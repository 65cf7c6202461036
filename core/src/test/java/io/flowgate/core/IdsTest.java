package io.flowgate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {

    private static final String CANONICAL = "[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00.123Z");

    private static Ids at(Instant instant) {
        return new Ids(Clock.fixed(instant, ZoneOffset.UTC));
    }

    @Test
    void nextHasTheVersion7LayoutAndTheRfc4122Variant() {
        UUID id = at(NOW).next();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.toString()).matches(CANONICAL);
    }

    @Test
    void nextStartsWithTheClockMillis() {
        UUID id = at(NOW).next();

        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void idsOfOneMillisecondAreAllDifferentAndAllWellFormed() {
        Ids ids = at(NOW);
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            UUID id = ids.next();
            assertThat(id.version()).isEqualTo(7);
            assertThat(id.variant()).isEqualTo(2);
            seen.add(id);
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void idsOfLaterMillisecondsSortAfterEarlierOnes() {
        UUID earlier = at(NOW).next();
        UUID later = at(NOW.plusMillis(1)).next();

        assertThat(later.toString()).isGreaterThan(earlier.toString());
        assertThat(later).isGreaterThan(earlier);
    }

    @Test
    void parseReadsACanonicalUuid() {
        assertThat(Ids.parse("01890a5d-ac96-7b3e-8f2a-0123456789ab", "flow id"))
                .isEqualTo(UUID.fromString("01890a5d-ac96-7b3e-8f2a-0123456789ab"));
    }

    @Test
    void parseAcceptsUpperCaseAndGivesTheSameId() {
        assertThat(Ids.parse("01890A5D-AC96-7B3E-8F2A-0123456789AB", "flow id"))
                .hasToString("01890a5d-ac96-7b3e-8f2a-0123456789ab");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "nope",
            "1-1-1-1-1",
            "01890a5d-ac96-7b3e-8f2a-0123456789a",
            "01890a5d-ac96-7b3e-8f2a-0123456789abc",
            "01890a5dac967b3e8f2a0123456789ab",
            "01890a5g-ac96-7b3e-8f2a-0123456789ab",
            "0000000000000000000000000000-1-1-1-1",
            "+0000000-0000-0000-0000-000000000000",
            "01890a5d-ac96-7b3e-8f2a+0123456789ab",
            "{01890a5d-ac96-7b3e-8f2a-0123456789ab}"})
    void parseRefusesAnythingButTheCanonicalForm(String text) {
        assertThatThrownBy(() -> Ids.parse(text, "flow id"))
                .isInstanceOfSatisfying(FlowgateException.class,
                        e -> assertThat(e.kind()).isEqualTo(FlowgateException.Kind.INVALID_INPUT))
                .hasMessageStartingWith("flow id must be a UUID");
    }

    @Test
    void parseAbbreviatesLongInputInItsMessage() {
        String huge = "x".repeat(10_000);

        assertThatThrownBy(() -> Ids.parse(huge, "id"))
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
    }

    @Test
    void parseOrNotFoundTurnsAMalformedIdIntoNotFound() {
        assertThatThrownBy(() -> Ids.parseOrNotFound("not-an-id", "Flow"))
                .isInstanceOfSatisfying(FlowgateException.class,
                        e -> assertThat(e.kind()).isEqualTo(FlowgateException.Kind.NOT_FOUND))
                .hasMessage("Flow not-an-id does not exist");
        assertThat(Ids.parseOrNotFound("01890a5d-ac96-7b3e-8f2a-0123456789ab", "Flow"))
                .isEqualTo(UUID.fromString("01890a5d-ac96-7b3e-8f2a-0123456789ab"));
    }

    @Test
    void isUuidTellsTheCanonicalFormApart() {
        assertThat(Ids.isUuid("01890a5d-ac96-7b3e-8f2a-0123456789ab")).isTrue();
        assertThat(Ids.isUuid("1-1-1-1-1")).isFalse();
        assertThat(Ids.isUuid(null)).isFalse();
    }

    @Test
    void derivedIdsAreTheSameForTheSameInputsAndDifferOtherwise() {
        UUID flow = UUID.randomUUID();
        UUID message = UUID.randomUUID();

        UUID first = Ids.derive("topic-execution", flow, message);

        assertThat(Ids.derive("topic-execution", flow, message)).isEqualTo(first);
        assertThat(Ids.derive("topic-trigger", flow, message)).isNotEqualTo(first);
        assertThat(Ids.derive("topic-execution", message, flow)).isNotEqualTo(first);
        assertThat(Ids.isUuid(first.toString())).isTrue();
        assertThat(first.variant()).isEqualTo(2);
    }

    @Test
    void idsDerivedInTheOrderOfTimeOrderedIdsKeepTheirOrderAndStayDeterministic() {
        Ids ids = new Ids(Clock.systemUTC());
        UUID flow = UUID.randomUUID();
        UUID older = ids.next();
        UUID newer = new Ids(Clock.offset(Clock.systemUTC(), Duration.ofMillis(5))).next();

        UUID first = Ids.deriveInOrderOf(older, "topic-execution", flow, older);
        UUID second = Ids.deriveInOrderOf(newer, "topic-execution", flow, newer);

        assertThat(Ids.deriveInOrderOf(older, "topic-execution", flow, older)).isEqualTo(first);
        assertThat(Ids.deriveInOrderOf(older, "topic-trigger", flow, older)).isNotEqualTo(first);
        assertThat(first.compareTo(second)).isNegative();
        assertThat(first.getMostSignificantBits() >>> 16).isEqualTo(older.getMostSignificantBits() >>> 16);
        assertThat(first.version()).isEqualTo(8);
        assertThat(first.variant()).isEqualTo(2);
    }
}
