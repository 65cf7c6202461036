package io.flowgate.runtime.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowgate.core.Json;
import io.flowgate.core.event.ChannelAddress;
import io.flowgate.core.event.StoredEvent;
import io.flowgate.core.subscription.Delivery;
import io.flowgate.core.subscription.DeliveryStatus;
import io.flowgate.core.subscription.Subscription;
import io.flowgate.core.subscription.WebhookSecret;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which deliveries the planner makes: one per (event, subscription that wants it), in event order. */
class DeliveryPlannerTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final UUID WORKSPACE = UUID.randomUUID();
    private static final UUID FLOW = UUID.randomUUID();

    @Test
    void everyEventGoesToEverySubscriptionThatWantsItInEventOrder() {
        Subscription errors = subscription(WORKSPACE, "flow/*/error");
        Subscription oneFlow = subscription(WORKSPACE, "flow/" + FLOW + "/error", "flow/" + FLOW + "/execution");
        Subscription otherWorkspace = subscription(UUID.randomUUID(), "flow/*/error");
        StoredEvent started = event(1, ChannelAddress.flowExecution(FLOW), WORKSPACE);
        StoredEvent failed = event(2, ChannelAddress.flowError(FLOW), WORKSPACE);
        StoredEvent elsewhere = event(3, ChannelAddress.flowError(UUID.randomUUID()), WORKSPACE);

        List<Delivery> deliveries = DeliveryPlanner.deliveriesOf(List.of(started, failed, elsewhere),
                List.of(errors, oneFlow, otherWorkspace), UUID::randomUUID, NOW);

        assertThat(deliveries).extracting(d -> d.eventId() + " -> " + d.subscriptionId()).containsExactly(
                started.eventId() + " -> " + oneFlow.id(),
                failed.eventId() + " -> " + errors.id(),
                failed.eventId() + " -> " + oneFlow.id(),
                elsewhere.eventId() + " -> " + errors.id());
        assertThat(deliveries).allSatisfy(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(d.nextAttemptAt()).isEqualTo(NOW);
        });
        assertThat(deliveries).extracting(Delivery::id).doesNotHaveDuplicates();
    }

    @Test
    void aDisabledSubscriptionGetsNothing() {
        Subscription disabled = subscription(WORKSPACE, "flow/*/error").disabled(NOW);

        assertThat(DeliveryPlanner.deliveriesOf(List.of(event(1, ChannelAddress.flowError(FLOW), WORKSPACE)), List.of(disabled),
                UUID::randomUUID, NOW)).isEmpty();
    }

    private static Subscription subscription(UUID workspace, String... channels) {
        return Subscription.create(UUID.randomUUID(), workspace, URI.create("https://example.com/hook"),
                List.of(channels).stream().map(ChannelAddress::pattern).toList(), false, WebhookSecret.generate(new SecureRandom()), NOW);
    }

    private static StoredEvent event(long cursor, ChannelAddress channel, UUID workspace) {
        return new StoredEvent(cursor, UUID.randomUUID(), channel, "FlowErrorEvent", workspace, Json.object());
    }
}
