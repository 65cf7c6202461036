package io.flowgate.core.topic;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rule for topic names: dot-separated words of letters, digits, {@code _} and {@code -}, at most 200
 * characters. A name follows the workspace id in an AMQP routing key, so it can hold no wildcard
 * ({@code *}, {@code #}) and no empty word.
 */
public final class TopicNames {

    public static final int MAX_LENGTH = 200;
    private static final Pattern WORDS = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    private TopicNames() {
    }

    public static boolean isValid(String name) {
        return problem(name).isEmpty();
    }

    /** What is wrong with {@code name}, or empty when it is a valid topic name. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("a topic name must not be empty");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("a topic name has at most " + MAX_LENGTH + " characters");
        }
        if (!WORDS.matcher(name).matches()) {
            return Optional.of("a topic name is made of dot-separated words of letters, digits, '_' and '-'");
        }
        return Optional.empty();
    }
}
