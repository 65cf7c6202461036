package io.flowgate.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.Json;
import io.flowgate.core.topic.Topic;
import io.flowgate.services.topics.TopicDetails;

/** How topics look in the API. */
public final class TopicRepresentations {

    private TopicRepresentations() {
    }

    public static ObjectNode topic(Topic topic) {
        ObjectNode attributes = Json.object().put("name", topic.name());
        attributes.set("schema", topic.schema());
        attributes.put("version", topic.version())
                .put("routing_key", topic.routingKey())
                .put("created_at", Representations.time(topic.createdAt()))
                .put("updated_at", Representations.time(topic.updatedAt()));
        ObjectNode resource = JsonApi.resource("topic", topic.id(), attributes);
        return JsonApi.relate(resource, "workspace", "workspace", topic.workspaceId());
    }

    /** The topic with {@code attributes.stats}: {@code published}, and per subscription {@code delivered} and {@code backlog}. */
    public static ObjectNode details(TopicDetails details) {
        ObjectNode resource = topic(details.topic());
        ObjectNode stats = ((ObjectNode) resource.get("attributes")).putObject("stats");
        stats.put("published", details.published());
        ArrayNode subscriptions = stats.putArray("subscriptions");
        details.subscriptions().forEach(subscription -> subscriptions.addObject()
                .put("flowId", subscription.flowId().toString())
                .put("flowName", subscription.flowName())
                .put("active", subscription.active())
                .put("delivered", subscription.delivered())
                .put("backlog", subscription.backlog()));
        return resource;
    }

    public static ObjectNode version(Topic topic) {
        ObjectNode resource = topic(topic);
        resource.put("id", topic.id() + ":" + topic.version());
        resource.put("type", "topic-version");
        return resource;
    }
}
