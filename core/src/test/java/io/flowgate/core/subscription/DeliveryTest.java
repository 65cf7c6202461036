package io.flowgate.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowgate.core.Json;
import io.flowgate.core.event.ChannelAddress;
import io.flowgate.core.event.StoredEvent;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeliveryTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final UUID WORKSPACE = UUID.randomUUID();
    private static final UUID FLOW = UUID.randomUUID();
    private static final RetrySchedule TWO_RETRIES = failures -> failures <= 2 ? Optional.of(Duration.ofSeconds(failures)) : Optional.empty();

    private final StoredEvent event = new StoredEvent(7, UUID.randomUUID(), ChannelAddress.flowError(FLOW), "FlowErrorEvent",
            WORKSPACE, Json.object());

    @Test
    void aNewDeliveryIsDueNowWithTheEventAsMessage() {
        Delivery delivery = Delivery.of(UUID.randomUUID(), UUID.randomUUID(), event, NOW);

        assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(delivery.nextAttemptAt()).isEqualTo(NOW);
        assertThat(delivery.eventId()).isEqualTo(event.eventId());
        assertThat(delivery.channel()).isEqualTo(event.channel());
    }

    @Test
    void failuresFollowTheScheduleThenTheDeliveryHasFailed() {
        Delivery first = Delivery.of(UUID.randomUUID(), UUID.randomUUID(), event, NOW).failed(TWO_RETRIES, NOW);
        Delivery second = first.failed(TWO_RETRIES, NOW);
        Delivery third = second.failed(TWO_RETRIES, NOW);

        assertThat(first.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(first.nextAttemptAt()).isEqualTo(NOW.plusSeconds(1));
        assertThat(second.nextAttemptAt()).isEqualTo(NOW.plusSeconds(2));
        assertThat(third.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(third.nextAttemptAt()).isNull();
        assertThat(third.status().isFinished()).isTrue();
    }

    @Test
    void aResentDeliveryIsDueNowAndStartsTheScheduleOver() {
        Delivery failed = Delivery.of(UUID.randomUUID(), UUID.randomUUID(), event, NOW)
                .failed(TWO_RETRIES, NOW).failed(TWO_RETRIES, NOW).failed(TWO_RETRIES, NOW);

        Delivery resent = failed.resent(NOW.plusSeconds(30));

        assertThat(resent.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(resent.nextAttemptAt()).isEqualTo(NOW.plusSeconds(30));
        assertThat(resent.failed(TWO_RETRIES, NOW).status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(resent.succeeded().status()).isEqualTo(DeliveryStatus.SUCCEEDED);
    }

    @Test
    void anAttemptSucceedsOnA2xxAnswerOnly() {
        assertThat(new DeliveryAttempt(1, NOW, 204, 3, "", null).succeeded()).isTrue();
        assertThat(new DeliveryAttempt(1, NOW, 302, 3, "", null).succeeded()).isFalse();
        assertThat(new DeliveryAttempt(1, NOW, 500, 3, "", null).succeeded()).isFalse();
        assertThat(new DeliveryAttempt(1, NOW, null, 15_000, null, "No answer within 15 s").succeeded()).isFalse();
    }

    @Test
    void anAttemptKeepsAtMostOneKibOfTextWithoutNulCharacters() {
        DeliveryAttempt attempt = new DeliveryAttempt(1, NOW, 500, 3, "a\u0000" + "b".repeat(5_000), "e".repeat(5_000));

        assertThat(attempt.response()).hasSize(DeliveryAttempt.MAX_TEXT).startsWith("a\uFFFDb").doesNotContain("\u0000");
        assertThat(attempt.error()).hasSize(DeliveryAttempt.MAX_TEXT);
    }

    @Test
    void aSubscriptionWantsTheActiveWorkspacesEventsOnItsChannels() {
        Subscription subscription = Subscription.create(UUID.randomUUID(), WORKSPACE, URI.create("https://example.com"),
                List.of(ChannelAddress.pattern("flow/*/error")), false, WebhookSecret.generate(new SecureRandom()), NOW);
        StoredEvent elsewhere = new StoredEvent(8, UUID.randomUUID(), ChannelAddress.flowError(FLOW), "FlowErrorEvent",
                UUID.randomUUID(), Json.object());
        StoredEvent execution = new StoredEvent(9, UUID.randomUUID(), ChannelAddress.flowExecution(FLOW), "FlowExecutionEvent",
                WORKSPACE, Json.object());

        assertThat(subscription.wants(event)).isTrue();
        assertThat(subscription.wants(elsewhere)).isFalse();
        assertThat(subscription.wants(execution)).isFalse();
        assertThat(subscription.disabled(NOW).wants(event)).isFalse();
        assertThat(subscription.disabled(NOW).activated(NOW).wants(event)).isTrue();
    }

    @Test
    void aSubscriptionFailsForTheWindowOnlyOnceItHasFailedThatLong() {
        Subscription healthy = Subscription.create(UUID.randomUUID(), WORKSPACE, URI.create("https://example.com"),
                List.of(ChannelAddress.pattern("flow/*/error")), false, WebhookSecret.generate(new SecureRandom()), NOW);
        Subscription failing = new Subscription(healthy.id(), WORKSPACE, healthy.url(), healthy.channels(), false,
                SubscriptionStatus.ACTIVE, healthy.secrets(), NOW, null, NOW, NOW);

        assertThat(healthy.failingFor(Duration.ofDays(5), NOW.plus(Duration.ofDays(10)))).isFalse();
        assertThat(failing.failingFor(Duration.ofDays(5), NOW.plus(Duration.ofDays(5)).minusMillis(1))).isFalse();
        assertThat(failing.failingFor(Duration.ofDays(5), NOW.plus(Duration.ofDays(5)))).isTrue();
        assertThat(failing.disabled(NOW).activated(NOW).failingSince()).isNull();
    }
}
