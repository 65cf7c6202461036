package io.flowgate.core.subscription;

import java.util.List;

/** A delivery with its latest attempts (newest last) and the number of attempts made in all. */
public record DeliveryHistory(Delivery delivery, List<DeliveryAttempt> attempts, int attemptCount) {

    /** At most this many attempts are listed per delivery (resends can make many). */
    public static final int LISTED_ATTEMPTS = 25;

    public DeliveryHistory {
        attempts = List.copyOf(attempts);
    }
}
