package io.flowgate.core.subscription;

import io.flowgate.core.FlowgateException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A signing secret as Standard Webhooks writes it: {@code whsec_} and the base64 of the key bytes. The
 * HMAC key is the decoded part, not the text.
 */
public record WebhookSecret(String value) {

    public static final String PREFIX = "whsec_";
    private static final int KEY_BYTES = 32;

    public WebhookSecret {
        if (value == null || !value.startsWith(PREFIX)) {
            throw FlowgateException.internal("A webhook secret starts with " + PREFIX, null);
        }
    }

    /** A new secret of 32 random bytes. */
    public static WebhookSecret generate(SecureRandom random) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return new WebhookSecret(PREFIX + Base64.getEncoder().encodeToString(key));
    }

    /** The HMAC key: the base64-decoded part after {@code whsec_}. */
    public byte[] key() {
        return Base64.getDecoder().decode(value.substring(PREFIX.length()));
    }

    @Override
    public String toString() {
        return PREFIX + "…";
    }
}
