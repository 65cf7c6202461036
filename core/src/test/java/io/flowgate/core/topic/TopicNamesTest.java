package io.flowgate.core.topic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"orders", "orders.created", "Orders_v2.created-EU", "a", "1.2.3"})
    void dotSeparatedWordsOfLettersDigitsUnderscoresAndDashesAreNames(String name) {
        assertThat(TopicNames.isValid(name)).isTrue();
        assertThat(TopicNames.problem(name)).isEmpty();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"orders.*", "orders.#", "#", "orders..created", ".orders", "orders.", "or ders", "ordres/eu", "ümlaut"})
    void wildcardsEmptyWordsAndOtherCharactersAreNot(String name) {
        assertThat(TopicNames.isValid(name)).isFalse();
        assertThat(TopicNames.problem(name)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201})
    void aNameHasAtMost200Characters(int length) {
        assertThat(TopicNames.isValid("a".repeat(length))).isEqualTo(length <= 200);
    }
}
