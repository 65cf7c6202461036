package io.flowgate.runtime.topics;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowgate.core.FlowgateException.Problem;
import io.flowgate.runtime.component.JsonSchemaCheck;
import io.flowgate.core.topic.Topic;
import java.util.List;

/** A topic with its schema compiled, ready to check the data of its messages. */
public record KnownTopic(Topic topic, JsonSchemaCheck schema) {

    static KnownTopic of(Topic topic) {
        return new KnownTopic(topic, topic.schema() == null ? null : JsonSchemaCheck.compile(topic.schema(), "/schema"));
    }

    /**
     * What is wrong with {@code data} as a message of this topic: it must be a JSON object that matches the
     * topic's schema. Each problem points into the data, after {@code pointerPrefix}.
     */
    public List<Problem> problems(JsonNode data, String pointerPrefix) {
        if (data == null || !data.isObject()) {
            return List.of(Problem.at(pointerPrefix, "the data of a topic message must be a JSON object"));
        }
        return schema == null ? List.of() : schema.check(data, pointerPrefix);
    }
}
