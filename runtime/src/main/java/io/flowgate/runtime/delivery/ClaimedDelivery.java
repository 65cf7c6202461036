package io.flowgate.runtime.delivery;

import io.flowgate.core.port.DeliveryRepository;
import io.flowgate.core.subscription.Delivery;
import io.flowgate.core.subscription.Subscription;

/** A delivery this node has claimed, with what sending it takes: the event's payload and the subscription. */
public record ClaimedDelivery(DeliveryRepository.Due due, Subscription subscription) {

    public Delivery delivery() {
        return due.delivery();
    }
}
