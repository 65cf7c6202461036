package io.flowgate.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowgate.core.FlowgateException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretsTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private final SecureRandom random = new SecureRandom();

    @Test
    void aNewSecretIsWhsecAndTheBase64Of32RandomBytes() {
        WebhookSecret secret = WebhookSecret.generate(random);

        assertThat(secret.value()).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.value().substring(6))).hasSize(32).isEqualTo(secret.key());
        assertThat(WebhookSecret.generate(random)).isNotEqualTo(secret);
        assertThat(secret.toString()).doesNotContain(secret.value().substring(6));
    }

    @Test
    void aSecretWithoutThePrefixIsRefused() {
        assertThatThrownBy(() -> new WebhookSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).isInstanceOf(FlowgateException.class);
    }

    @Test
    void afterARotationBothSecretsSignForADayThenOnlyTheNewOne() {
        WebhookSecret first = WebhookSecret.generate(random);
        WebhookSecret second = WebhookSecret.generate(random);

        SigningSecrets rotated = SigningSecrets.of(first).rotate(second, NOW);

        assertThat(SigningSecrets.of(first).validAt(NOW)).containsExactly(first);
        assertThat(rotated.validAt(NOW)).containsExactly(second, first);
        assertThat(rotated.validAt(NOW.plus(Duration.ofHours(24)).minusMillis(1))).containsExactly(second, first);
        assertThat(rotated.validAt(NOW.plus(Duration.ofHours(24)))).containsExactly(second);
    }

    @Test
    void aSecondRotationForgetsTheFirstSecret() {
        WebhookSecret first = WebhookSecret.generate(random);
        WebhookSecret second = WebhookSecret.generate(random);
        WebhookSecret third = WebhookSecret.generate(random);

        SigningSecrets twice = SigningSecrets.of(first).rotate(second, NOW).rotate(third, NOW.plusSeconds(60));

        assertThat(twice.validAt(NOW.plusSeconds(60))).containsExactly(third, second);
    }
}
