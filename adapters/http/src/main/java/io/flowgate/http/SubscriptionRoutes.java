package io.flowgate.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.Json;
import io.flowgate.core.subscription.DeliveryStatus;
import io.flowgate.services.subscriptions.DeliveryService;
import io.flowgate.services.subscriptions.SubscriptionDraft;
import io.flowgate.services.subscriptions.SubscriptionService;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code /v2/workspaces/{workspaceId}/subscriptions}: event subscriptions (outbound webhooks), their
 * deliveries, resend, replay and secret rotation. Mounted at {@code /v2/workspaces}.
 */
public final class SubscriptionRoutes implements HttpService {

    private static final String ONE = "/{workspaceId}/subscriptions/{subscriptionId}";

    private final SubscriptionService subscriptions;
    private final DeliveryService deliveries;
    private final Authenticated authenticated;

    public SubscriptionRoutes(SubscriptionService subscriptions, DeliveryService deliveries, Authenticated authenticated) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.authenticated = authenticated;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/{workspaceId}/subscriptions", authenticated.by((caller, req, res) -> Responses.jsonApi(res, 201,
                        JsonApi.document(SubscriptionRepresentations.withSecret(subscriptions.create(caller, workspace(req), draft(req)))))))
                .get("/{workspaceId}/subscriptions", authenticated.by((caller, req, res) -> Responses.jsonApi(res, 200,
                        JsonApi.list(req, subscriptions.list(caller, workspace(req), Requests.page(req)), SubscriptionRepresentations::subscription))))
                .get(ONE, authenticated.by((caller, req, res) -> Responses.jsonApi(res, 200,
                        JsonApi.document(SubscriptionRepresentations.subscription(subscriptions.get(caller, workspace(req), subscription(req)))))))
                .patch(ONE, authenticated.by((caller, req, res) -> Responses.jsonApi(res, 200, JsonApi.document(
                        SubscriptionRepresentations.subscription(subscriptions.update(caller, workspace(req), subscription(req), draft(req)))))))
                .delete(ONE, authenticated.by((caller, req, res) -> {
                    subscriptions.delete(caller, workspace(req), subscription(req));
                    Responses.noContent(res);
                }))
                .post(ONE + "/rotate-secret", authenticated.by((caller, req, res) -> Responses.jsonApi(res, 200, JsonApi.document(
                        SubscriptionRepresentations.withSecret(subscriptions.rotateSecret(caller, workspace(req), subscription(req)))))))
                .post(ONE + "/replay", authenticated.by((caller, req, res) -> {
                    int queued = deliveries.replay(caller, workspace(req), subscription(req), since(Requests.json(req)));
                    Responses.json(res, 202, Json.object().put("queued", queued));
                }))
                .get(ONE + "/deliveries", authenticated.by((caller, req, res) -> Responses.jsonApi(res, 200, JsonApi.list(req,
                        deliveries.list(caller, workspace(req), subscription(req), status(req), Requests.page(req)),
                        SubscriptionRepresentations::delivery))))
                .post(ONE + "/deliveries/{deliveryId}/resend", authenticated.by((caller, req, res) -> Responses.jsonApi(res, 202,
                        JsonApi.document(SubscriptionRepresentations.delivery(deliveries.resend(caller, workspace(req), subscription(req),
                                Requests.pathId(req, "deliveryId", "Delivery")))))));
    }

    private static UUID workspace(ServerRequest req) {
        return Requests.pathId(req, "workspaceId", "Workspace");
    }

    private static UUID subscription(ServerRequest req) {
        return Requests.pathId(req, "subscriptionId", "Subscription");
    }

    private static DeliveryStatus status(ServerRequest req) {
        return Requests.query(req, "status").map(DeliveryStatus::fromWire).orElse(null);
    }

    private static SubscriptionDraft draft(ServerRequest req) {
        ObjectNode attributes = JsonApi.attributes(Requests.json(req));
        return new SubscriptionDraft(JsonApi.text(attributes, "url"), texts(attributes, "channels"), bool(attributes, "ordered"),
                JsonApi.text(attributes, "status"));
    }

    private static List<String> texts(ObjectNode attributes, String name) {
        JsonNode value = attributes.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw FlowgateException.invalid("attributes." + name + " must be an array of strings");
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw FlowgateException.invalid("attributes." + name + " must be an array of strings");
            }
            texts.add(item.asText());
        }
        return texts;
    }

    private static Boolean bool(ObjectNode attributes, String name) {
        JsonNode value = attributes.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw FlowgateException.invalid("attributes." + name + " must be true or false");
        }
        return value.asBoolean();
    }

    /** {@code {"since": "<RFC 3339 date-time>"}}. */
    private static Instant since(JsonNode body) {
        JsonNode since = body.path("since");
        if (!since.isTextual()) {
            throw FlowgateException.invalid("since is required: an RFC 3339 date-time, e.g. 2026-11-27T10:00:00.000Z");
        }
        try {
            return OffsetDateTime.parse(since.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw FlowgateException.invalid("since must be an RFC 3339 date-time, e.g. 2026-11-27T10:00:00.000Z; got '"
                    + since.asText() + "'");
        }
    }
}
