package io.flowgate.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowgate.core.Json;
import org.junit.jupiter.api.Test;

class MessageSizeTest {

    @Test
    void aBodyWithinTheLimitPasses() {
        assertThat(MessageSize.exceedsLimit(Json.object().put("text", "x".repeat(1_000_000)))).isFalse();
    }

    @Test
    void aBodyOverTheLimitIsCaughtWhileItIsWritten() {
        var body = Json.object().put("text", "x".repeat((int) MessageSize.LIMIT_BYTES));
        assertThat(MessageSize.exceedsLimit(body)).isTrue();
    }
}
