package io.flowgate.runtime.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how fast a failing step is tried again: exponential backoff with full jitter between
 * half and the whole of the backoff. Defaults: 5 attempts, 1 s doubling, capped at 5 min.
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofMinutes(5));

    static final ObjectNode SCHEMA = ComponentRegistry.parseSchema("""
            {"type":"object","description":"retries of this step on retryable errors",
             "properties":{
               "maxAttempts":{"type":"integer","minimum":1,"maximum":100,"default":5},
               "initialDelayMs":{"type":"integer","minimum":0,"default":1000},
               "maxDelayMs":{"type":"integer","minimum":0,"default":300000}},
             "additionalProperties":false}
            """);

    /** The policy of a step, from its {@code retry} field, defaults filling what is not set. */
    public static RetryPolicy of(ObjectNode fields) {
        JsonNode retry = fields.path("retry");
        if (!retry.isObject()) {
            return DEFAULT;
        }
        return new RetryPolicy(retry.path("maxAttempts").asInt(DEFAULT.maxAttempts()),
                Duration.ofMillis(retry.path("initialDelayMs").asLong(DEFAULT.initialDelay().toMillis())),
                Duration.ofMillis(retry.path("maxDelayMs").asLong(DEFAULT.maxDelay().toMillis())));
    }

    /** True when a failure of attempt {@code attempt} (1-based) is followed by another attempt. */
    public boolean allowsAnotherAfter(int attempt) {
        return attempt < maxAttempts;
    }

    /** How long to wait after failed attempt {@code attempt} (1-based): the ceiling with jitter, between its half and all of it. */
    public Duration backoff(int attempt) {
        long ceiling = ceiling(attempt).toMillis();
        long half = ceiling / 2;
        return Duration.ofMillis(ceiling - half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    /**
     * The longest wait after failed attempt {@code attempt} (1-based): the initial delay doubled for every
     * attempt after the first, never more than the maximum delay.
     */
    public Duration ceiling(int attempt) {
        long initial = initialDelay.toMillis();
        long cap = maxDelay.toMillis();
        int doublings = Math.min(Math.max(attempt, 1) - 1, 62);
        boolean overCap = initial > (cap >> doublings);
        return Duration.ofMillis(overCap ? cap : initial << doublings);
    }
}
