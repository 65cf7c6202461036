package io.flowgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowgate.core.subscription.RetrySchedule;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The event delivery settings: defaults, and how durations are written. */
class DeliveryConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        FlowgateConfig.Delivery delivery = FlowgateConfig.fromEnvironment(Map.of()).delivery();

        assertThat(delivery.allowPrivate()).isFalse();
        assertThat(delivery.retrySchedule()).isEqualTo(RetrySchedule.STANDARD);
        assertThat(delivery.disableAfter()).isEqualTo(Duration.ofDays(5));
        assertThat(delivery.concurrency()).isEqualTo(64);
        assertThat(delivery.streamBuffer()).isEqualTo(10_000);
    }

    @Test
    void durationsTakeAUnit() {
        FlowgateConfig.Delivery delivery = FlowgateConfig.fromEnvironment(Map.of(
                "FLOWGATE_DELIVERY_ALLOW_PRIVATE", "true",
                "FLOWGATE_DELIVERY_RETRY_SCHEDULE", "250ms, 5s,30m,2h,1d",
                "FLOWGATE_DELIVERY_DISABLE_AFTER", "90s",
                "FLOWGATE_DELIVERY_CONCURRENCY", "8",
                "FLOWGATE_EVENT_STREAM_BUFFER", "100")).delivery();

        assertThat(delivery.allowPrivate()).isTrue();
        assertThat(delivery.retrySchedule()).containsExactly(Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofMinutes(30),
                Duration.ofHours(2), Duration.ofDays(1));
        assertThat(delivery.disableAfter()).isEqualTo(Duration.ofSeconds(90));
        assertThat(delivery.concurrency()).isEqualTo(8);
        assertThat(delivery.streamBuffer()).isEqualTo(100);
    }

    @Test
    void anEmptyScheduleMeansNoRetries() {
        assertThat(FlowgateConfig.fromEnvironment(Map.of("FLOWGATE_DELIVERY_RETRY_SCHEDULE", "")).delivery().retrySchedule())
                .isEqualTo(List.of());
    }

    @Test
    void aBadValueNamesTheVariable() {
        assertThatThrownBy(() -> FlowgateConfig.fromEnvironment(Map.of("FLOWGATE_DELIVERY_RETRY_SCHEDULE", "5s,soon")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("FLOWGATE_DELIVERY_RETRY_SCHEDULE").hasMessageContaining("soon");
        assertThatThrownBy(() -> FlowgateConfig.fromEnvironment(Map.of("FLOWGATE_DELIVERY_DISABLE_AFTER", "5")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("FLOWGATE_DELIVERY_DISABLE_AFTER");
        assertThatThrownBy(() -> FlowgateConfig.fromEnvironment(Map.of("FLOWGATE_DELIVERY_ALLOW_PRIVATE", "maybe")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("FLOWGATE_DELIVERY_ALLOW_PRIVATE");
        assertThatThrownBy(() -> FlowgateConfig.fromEnvironment(Map.of("FLOWGATE_EVENT_STREAM_BUFFER", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("FLOWGATE_EVENT_STREAM_BUFFER");
    }
}
