package io.flowgate.core.subscription;

import io.flowgate.core.port.WebhookSender;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The HTTP request of one delivery attempt, per Standard Webhooks, with Flowgate's two headers added. */
public final class OutboundWebhook {

    private OutboundWebhook() {
    }

    public static WebhookSender.Request request(Subscription subscription, Delivery delivery, byte[] body, Instant now) {
        String id = delivery.eventId().toString();
        long timestamp = now.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", WebhookSigner.sign(id, timestamp, body, subscription.secrets().validAt(now)));
        headers.put("x-flowgate-event", delivery.eventName());
        headers.put("x-flowgate-channel", delivery.channel().value());
        return new WebhookSender.Request(subscription.url(), headers, body);
    }
}
