package io.flowgate.core.subscription;

import io.flowgate.core.FlowgateException;
import java.util.Locale;

/** Where a delivery stands: more attempts will follow ({@code pending}), or it ended one way or the other. */
public enum DeliveryStatus {
    PENDING, SUCCEEDED, FAILED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinished() {
        return this != PENDING;
    }

    public static DeliveryStatus fromWire(String value) {
        for (DeliveryStatus status : values()) {
            if (status.wire().equals(value)) {
                return status;
            }
        }
        throw FlowgateException.invalid("status must be pending, succeeded or failed, got '" + value + "'");
    }
}
