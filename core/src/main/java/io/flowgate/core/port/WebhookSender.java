package io.flowgate.core.port;

import io.flowgate.core.subscription.DeliveryAttempt;
import java.net.URI;
import java.util.Map;

/**
 * Sends one outbound webhook request. It never throws for what the receiver or the network does: every
 * outcome (an answer, a timeout, a refused connection or target) is an {@link Outcome}.
 */
@FunctionalInterface
public interface WebhookSender {

    record Request(URI url, Map<String, String> headers, byte[] body) {
        public Request {
            headers = Map.copyOf(headers);
        }
    }

    /** What happened: the status code (null without an answer), latency, the answer's first bytes, the error. */
    record Outcome(Integer statusCode, long latencyMillis, String response, String error) {

        public DeliveryAttempt asAttempt(int attempt, java.time.Instant at) {
            return new DeliveryAttempt(attempt, at, statusCode, latencyMillis, response, error);
        }
    }

    Outcome send(Request request);
}
