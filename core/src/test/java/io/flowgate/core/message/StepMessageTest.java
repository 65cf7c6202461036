package io.flowgate.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowgate.core.Json;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StepMessageTest {

    private static final StepMessage TRIGGER = new StepMessage(UUID.randomUUID(), null, UUID.randomUUID(),
            UUID.randomUUID(), UUID.randomUUID(), 2, "hook", 1, Json.parse("{\"a\":1}"), Json.object(),
            new StepMessage.TraceContext(UUID.randomUUID(), "corr", "reply-queue"));

    @Test
    void aChildBelongsToTheSameExecutionAndStartsAtAttemptOne() {
        UUID childId = UUID.randomUUID();

        StepMessage child = TRIGGER.nextAttempt().child(childId, "map", Json.parse("[1]"), Json.object().put("k", "v"));

        assertThat(child.messageId()).isEqualTo(childId);
        assertThat(child.parentMessageId()).isEqualTo(TRIGGER.messageId());
        assertThat(child.executionId()).isEqualTo(TRIGGER.executionId());
        assertThat(child.flowId()).isEqualTo(TRIGGER.flowId());
        assertThat(child.workspaceId()).isEqualTo(TRIGGER.workspaceId());
        assertThat(child.flowVersion()).isEqualTo(2);
        assertThat(child.stepId()).isEqualTo("map");
        assertThat(child.attempt()).isEqualTo(1);
        assertThat(child.trace()).isEqualTo(TRIGGER.trace());
        assertThat(child.isTrigger()).isFalse();
    }

    @Test
    void theNextAttemptIsTheSameMessageOnceMore() {
        StepMessage again = TRIGGER.nextAttempt();

        assertThat(again.messageId()).isEqualTo(TRIGGER.messageId());
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(again.body()).isEqualTo(TRIGGER.body());
        assertThat(again.isTrigger()).isTrue();
    }
}
