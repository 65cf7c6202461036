package io.flowgate.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.MissingNode;
import io.flowgate.core.Json;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SyncReplyTest {

    private static final UUID EXECUTION = UUID.fromString("01890a5d-ac96-7000-8000-000000000003");

    @Test
    void encodeThenDecodeGivesTheSameReply() {
        var reply = new SyncReply(EXECUTION, SyncReply.Kind.REPLY, 201, Map.of("location", "/x"), Json.parse("{\"a\":[1]}"));

        assertThat(SyncReply.decode(reply.encode())).isEqualTo(reply);
    }

    @Test
    void aReplyWithoutBodyStaysWithoutBody() {
        var reply = new SyncReply(EXECUTION, SyncReply.Kind.REPLY, 204, Map.of(), MissingNode.getInstance());

        assertThat(SyncReply.decode(reply.encode()).body().isMissingNode()).isTrue();
    }

    @Test
    void aNullBodyStaysNull() {
        var reply = new SyncReply(EXECUTION, SyncReply.Kind.ENDED, 200, Map.of(), Json.parse("null"));

        assertThat(SyncReply.decode(reply.encode()).body().isNull()).isTrue();
    }
}
