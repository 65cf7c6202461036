package io.flowgate.core.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    /** The example of the Standard Webhooks specification and its reference libraries. */
    private static final WebhookSecret SPEC_SECRET = new WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signsAsTheStandardWebhooksExampleSays() {
        String signature = WebhookSigner.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, SPEC_BODY, List.of(SPEC_SECRET));

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void signsWithEverySecretSpaceSeparatedTheFirstSecretFirst() {
        WebhookSecret other = new WebhookSecret("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]));

        String both = WebhookSigner.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, SPEC_BODY, List.of(SPEC_SECRET, other));

        String[] signatures = both.split(" ");
        assertThat(signatures).hasSize(2);
        assertThat(signatures[0]).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        assertThat(signatures[1]).isEqualTo(WebhookSigner.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, SPEC_BODY, List.of(other)));
    }

    @Test
    void theIdTimestampAndBodyAreAllSigned() {
        String signature = WebhookSigner.sign("id", 1, SPEC_BODY, List.of(SPEC_SECRET));

        assertThat(WebhookSigner.sign("id2", 1, SPEC_BODY, List.of(SPEC_SECRET))).isNotEqualTo(signature);
        assertThat(WebhookSigner.sign("id", 2, SPEC_BODY, List.of(SPEC_SECRET))).isNotEqualTo(signature);
        assertThat(WebhookSigner.sign("id", 1, "{}".getBytes(StandardCharsets.UTF_8), List.of(SPEC_SECRET))).isNotEqualTo(signature);
    }
}
