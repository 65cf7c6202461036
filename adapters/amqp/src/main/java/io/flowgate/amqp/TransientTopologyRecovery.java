package io.flowgate.amqp;

import com.rabbitmq.client.impl.recovery.RecordedBinding;
import com.rabbitmq.client.impl.recovery.RecordedConsumer;
import com.rabbitmq.client.impl.recovery.RecordedExchange;
import com.rabbitmq.client.impl.recovery.RecordedQueue;
import com.rabbitmq.client.impl.recovery.TopologyRecoveryFilter;

/**
 * What the client declares again after it reconnects: only what the broker forgets, the private
 * (exclusive, auto-delete) queues, and the consumers. Exchanges, durable queues and their bindings are the
 * broker's to keep; they were declared on short-lived channels, which the client could not replay them on.
 */
final class TransientTopologyRecovery implements TopologyRecoveryFilter {

    @Override
    public boolean filterExchange(RecordedExchange exchange) {
        return false;
    }

    @Override
    public boolean filterQueue(RecordedQueue queue) {
        return !queue.isDurable();
    }

    @Override
    public boolean filterBinding(RecordedBinding binding) {
        return false;
    }

    @Override
    public boolean filterConsumer(RecordedConsumer consumer) {
        return true;
    }
}
