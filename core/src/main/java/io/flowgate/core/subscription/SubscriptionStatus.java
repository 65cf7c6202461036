package io.flowgate.core.subscription;

import io.flowgate.core.FlowgateException;
import java.util.Locale;

/** Whether a subscription gets deliveries: {@code disabled} by a user, or after failing for too long. */
public enum SubscriptionStatus {
    ACTIVE, DISABLED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SubscriptionStatus fromWire(String value) {
        for (SubscriptionStatus status : values()) {
            if (status.wire().equals(value)) {
                return status;
            }
        }
        throw FlowgateException.invalid("attributes.status must be active or disabled, got '" + value + "'");
    }
}
