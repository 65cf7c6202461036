package io.flowgate.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * An enum whose constants have a word in the API and in stored data: the constant's name in lower case,
 * unless the enum says otherwise by overriding {@link #wire()}.
 */
public interface WireWord {

    default String wire() {
        return ((Enum<?>) this).name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} whose word is {@code value}, if there is one. */
    static <E extends Enum<E> & WireWord> Optional<E> parse(Class<E> type, String value) {
        return Arrays.stream(type.getEnumConstants()).filter(constant -> constant.wire().equals(value)).findFirst();
    }
}
