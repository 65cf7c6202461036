package io.flowgate.core.subscription;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The secrets a subscription signs with: the current one and, for a while after a rotation, the one it
 * replaced, so that receivers can switch over without missing a delivery.
 */
public record SigningSecrets(WebhookSecret current, WebhookSecret previous, Instant previousUntil) {

    /** How long a replaced secret keeps signing after a rotation. */
    public static final Duration OVERLAP = Duration.ofHours(24);

    public static SigningSecrets of(WebhookSecret current) {
        return new SigningSecrets(current, null, null);
    }

    /** {@code next} becomes the current secret; the current one stays valid for {@link #OVERLAP}. */
    public SigningSecrets rotate(WebhookSecret next, Instant now) {
        return new SigningSecrets(next, current, now.plus(OVERLAP));
    }

    /** The secrets that sign at {@code now}, the current one first. */
    public List<WebhookSecret> validAt(Instant now) {
        if (previous != null && previousUntil != null && now.isBefore(previousUntil)) {
            return List.of(current, previous);
        }
        return List.of(current);
    }
}
