package io.flowgate.core.subscription;

import java.time.Instant;

/**
 * One try at a delivery: the receiver's status code (null when there was no answer), how long it took,
 * the first bytes of its answer, and why there was no usable answer.
 */
public record DeliveryAttempt(int attempt, Instant at, Integer statusCode, long latencyMillis, String response, String error) {

    /** Longest response snippet and error text kept, in characters. */
    public static final int MAX_TEXT = 1024;

    public DeliveryAttempt {
        response = clip(response);
        error = clip(error);
    }

    public boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300 && error == null;
    }

    /** Cut to {@link #MAX_TEXT} characters without NUL characters, which PostgreSQL text cannot hold. */
    private static String clip(String text) {
        if (text == null) {
            return null;
        }
        String clean = text.replace('\u0000', '\uFFFD');
        return clean.length() <= MAX_TEXT ? clean : clean.substring(0, MAX_TEXT);
    }
}
