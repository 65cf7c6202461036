package io.flowgate.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.Json;
import io.flowgate.core.event.ChannelAddress;
import io.flowgate.core.subscription.DeliveryAttempt;
import io.flowgate.core.subscription.DeliveryHistory;
import io.flowgate.core.subscription.Subscription;
import io.flowgate.services.subscriptions.SubscriptionService;

/** How subscriptions and their deliveries look in the API. The secret appears only where it is new. */
public final class SubscriptionRepresentations {

    private SubscriptionRepresentations() {
    }

    public static ObjectNode subscription(Subscription subscription) {
        ObjectNode attributes = Json.object().put("url", subscription.url().toString());
        ArrayNode channels = attributes.putArray("channels");
        subscription.channels().stream().map(ChannelAddress::value).forEach(channels::add);
        attributes.put("ordered", subscription.ordered())
                .put("status", subscription.status().wire())
                .put("failing_since", Representations.time(subscription.failingSince()))
                .put("disabled_at", Representations.time(subscription.disabledAt()))
                .put("created_at", Representations.time(subscription.createdAt()))
                .put("updated_at", Representations.time(subscription.updatedAt()));
        ObjectNode resource = JsonApi.resource("subscription", subscription.id(), attributes);
        return JsonApi.relate(resource, "workspace", "workspace", subscription.workspaceId());
    }

    /** The subscription with {@code attributes.secret}: only in the answers to create and rotate-secret. */
    public static ObjectNode withSecret(SubscriptionService.WithSecret created) {
        ObjectNode resource = subscription(created.subscription());
        ((ObjectNode) resource.get("attributes")).put("secret", created.secret().value());
        return resource;
    }

    public static ObjectNode delivery(DeliveryHistory history) {
        var delivery = history.delivery();
        ObjectNode attributes = Json.object()
                .put("event_id", delivery.eventId().toString())
                .put("channel", delivery.channel().value())
                .put("name", delivery.eventName())
                .put("status", delivery.status().wire())
                .put("next_attempt_at", Representations.time(delivery.nextAttemptAt()))
                .put("created_at", Representations.time(delivery.createdAt()))
                .put("attempt_count", history.attemptCount());
        ArrayNode attempts = attributes.putArray("attempts");
        history.attempts().forEach(attempt -> attempts.add(attempt(attempt)));
        ObjectNode resource = JsonApi.resource("delivery", delivery.id(), attributes);
        return JsonApi.relate(resource, "subscription", "subscription", delivery.subscriptionId());
    }

    private static ObjectNode attempt(DeliveryAttempt attempt) {
        ObjectNode json = Json.object()
                .put("attempt", attempt.attempt())
                .put("at", Representations.time(attempt.at()));
        if (attempt.statusCode() == null) {
            json.putNull("status_code");
        } else {
            json.put("status_code", attempt.statusCode());
        }
        return json.put("latency_ms", attempt.latencyMillis())
                .put("response", attempt.response() == null ? "" : attempt.response())
                .put("error", attempt.error());
    }
}
