package io.flowgate.services.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** What the webhook endpoint answers: a status, headers and a JSON (or text) body, and what became of the request. */
public record WebhookAnswer(int status, Map<String, String> headers, JsonNode body, Outcome outcome) {

    /** What became of a request that was answered (the others end in an error). */
    public enum Outcome {
        /** Stored durably; its execution runs. */
        ACCEPTED,
        /** A repeat of an earlier request with the same Idempotency-Key: answered with the first ids, nothing started. */
        REPEATED,
        /** Answered with the flow's reply. */
        REPLIED,
        /** Stored and run, but the flow did not reply in time. */
        REPLY_TIMED_OUT
    }

    public WebhookAnswer {
        headers = Map.copyOf(headers);
    }
}
