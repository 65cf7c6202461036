package io.flowgate.amqp;

import static io.flowgate.amqp.BusAccess.message;
import static io.flowgate.amqp.BusAccess.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.port.MessageBus;
import io.flowgate.core.port.MessageBus.Subscription;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exchanges, queues and bindings, queue depth, health, and how the bus takes the broker's refusals. */
interface TopologyContract extends BusAccess {

    @Test
    default void depthCountsReadyMessagesAndIsMinusOneForAMissingQueue() {
        String queue = name("queue");
        String exchange = exchangeWithQueue(queue, "k");
        assertThat(bus().depth(queue)).isZero();

        for (int i = 0; i < 3; i++) {
            confirm(message(exchange, "k", "{}"));
        }

        awaitDepth(queue, 3);
        assertThat(bus().depth(name("missing"))).isEqualTo(-1);
        assertThat(bus().depth(queue)).as("asking for a missing queue harms nothing").isEqualTo(3);
    }

    @Test
    default void bindingsDecideWhichMessagesAQueueTakes() {
        String queue = name("queue");
        String exchange = name("exchange");
        String other = name("exchange");
        bus().declareExchange(exchange, "topic");
        bus().declareExchange(other, "direct");
        bus().declareQueue(queue, Map.of(other, "declared"));

        bus().bind(queue, exchange, "orders.*");
        confirm(message(exchange, "orders.created", "{}"));
        confirm(message(other, "declared", "{}"));
        awaitDepth(queue, 2);

        bus().unbind(queue, exchange, "orders.*");
        assertThat(refusal(message(exchange, "orders.created", "{}")).kind()).isEqualTo(FlowgateException.Kind.NOT_FOUND);
        bus().declareQueue(queue, Map.of());
        assertThat(bus().depth(queue)).as("declaring again keeps the messages").isEqualTo(2);

        bus().deleteQueue(queue);
        awaitDepth(queue, -1);
        assertThat(refusal(message(other, "declared", "{}")).kind()).isEqualTo(FlowgateException.Kind.NOT_FOUND);
    }

    @Test
    default void aRefusedTopologyChangeFailsAsNotFoundAndTheNextOneWorks() {
        String queue = name("queue");
        bus().declareQueue(queue, Map.of());

        assertThatThrownBy(() -> bus().bind(queue, name("missing-exchange"), "k"))
                .isInstanceOfSatisfying(FlowgateException.class, e -> assertThat(e.kind()).isEqualTo(FlowgateException.Kind.NOT_FOUND));
        assertThatThrownBy(() -> bus().bind(name("missing-queue"), "amq.direct", "k"))
                .isInstanceOfSatisfying(FlowgateException.class, e -> assertThat(e.kind()).isEqualTo(FlowgateException.Kind.NOT_FOUND));

        String exchange = name("exchange");
        bus().declareExchange(exchange, "direct");
        bus().bind(queue, exchange, "k");
        confirm(message(exchange, "k", "{}"));
        awaitDepth(queue, 1);
    }

    @Test
    default void deletingAMissingQueueChangesNothing() {
        bus().deleteQueue(name("missing"));

        String queue = name("queue");
        confirm(message(exchangeWithQueue(queue, "k"), "k", "{}"));
        awaitDepth(queue, 1);
    }

    @Test
    default void consumingAMissingQueueFailsAsNotFound() {
        assertThatThrownBy(() -> bus().consume(name("missing"), 1, new Inbox()))
                .isInstanceOfSatisfying(FlowgateException.class, e -> assertThat(e.kind()).isEqualTo(FlowgateException.Kind.NOT_FOUND));

        String queue = name("queue");
        confirm(message(exchangeWithQueue(queue, "k"), "k", "{}"));
        Inbox inbox = new Inbox();
        try (Subscription ignored = bus().consume(queue, 1, inbox)) {
            inbox.next().ack();
        }
    }

    @Test
    default void aPublishToAMissingExchangeFailsAndLeavesEveryPublisherWorking() {
        FlowgateException refused = refusal(message(name("missing-exchange"), "k", "{}"));
        assertThat(refused.kind()).isIn(FlowgateException.Kind.NOT_FOUND, FlowgateException.Kind.UNAVAILABLE);

        String queue = name("queue");
        String exchange = exchangeWithQueue(queue, "k");
        for (int i = 0; i < MessagingContract.ROUNDS; i++) {
            confirm(message(exchange, "k", "{}"));
        }
        awaitDepth(queue, MessagingContract.ROUNDS);
        assertThat(bus().isHealthy()).isTrue();
    }

    @Test
    default void aClosedBusIsUnhealthyAndRefusesWorkAsUnavailable() {
        MessageBus closed = connect();
        assertThat(closed.isHealthy()).isTrue();
        String queue = name("queue");
        closed.declareQueue(queue, Map.of());

        closed.close();

        assertThat(closed.isHealthy()).isFalse();
        assertThat(closed.depth(queue)).isEqualTo(-1);
        assertThatThrownBy(() -> closed.publish(message("", queue, "{}")).join())
                .cause().isInstanceOfSatisfying(FlowgateException.class,
                        e -> assertThat(e.kind()).isEqualTo(FlowgateException.Kind.UNAVAILABLE));
        assertThatThrownBy(() -> closed.consume(queue, 1, new Inbox()))
                .isInstanceOfSatisfying(FlowgateException.class, e -> assertThat(e.kind()).isEqualTo(FlowgateException.Kind.UNAVAILABLE));
        assertThatThrownBy(() -> closed.declareQueue(name("queue"), Map.of()))
                .isInstanceOfSatisfying(FlowgateException.class, e -> assertThat(e.kind()).isEqualTo(FlowgateException.Kind.UNAVAILABLE));
        assertThat(bus().depth(queue)).as("the queue is the broker's, not the bus's").isZero();
    }
}
