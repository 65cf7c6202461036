package io.flowgate.runtime.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowgate.core.FlowgateException.Problem;
import io.flowgate.core.Json;
import io.flowgate.core.topic.Topic;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KnownTopicTest {

    private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void withoutASchemaAnyObjectWillDo() {
        KnownTopic topic = KnownTopic.of(topic(null));

        assertThat(topic.problems(Json.object().put("anything", true), "")).isEmpty();
    }

    @Test
    void dataMustBeAnObject() {
        KnownTopic topic = KnownTopic.of(topic(null));

        assertThat(topic.problems(Json.array(), "/data")).extracting(Problem::pointer).containsExactly("/data");
        assertThat(topic.problems(null, "")).hasSize(1);
    }

    @Test
    void withASchemaProblemsPointIntoTheData() {
        KnownTopic topic = KnownTopic.of(topic(Json.parse("{\"type\":\"object\",\"required\":[\"id\"]}")));

        assertThat(topic.problems(Json.object(), "/data")).extracting(Problem::pointer).containsExactly("/data/id");
        assertThat(topic.problems(Json.object().put("id", 1), "")).isEmpty();
    }

    private static Topic topic(com.fasterxml.jackson.databind.JsonNode schema) {
        return new Topic(UUID.randomUUID(), UUID.randomUUID(), "orders", schema, 1, AT, AT);
    }
}
