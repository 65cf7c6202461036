package io.flowgate.amqp;

import static io.flowgate.amqp.BusAccess.message;
import static io.flowgate.amqp.BusAccess.name;
import static io.flowgate.amqp.BusAccess.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.port.MessageBus;
import io.flowgate.core.port.MessageBus.Delivery;
import io.flowgate.core.port.MessageBus.Outgoing;
import io.flowgate.core.port.MessageBus.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Publishing with confirms, consuming, acknowledging and redelivery. */
interface MessagingContract extends BusAccess {

    /** Enough publishes to go through every publisher channel of the bus more than once. */
    int ROUNDS = 10;

    @Test
    default void aConfirmedMessageIsConsumedAndOnceAcknowledgedNeverComesBack() {
        String queue = name("queue");
        String exchange = exchangeWithQueue(queue, "orders");
        Outgoing first = message(exchange, "orders", "{\"order\":1}");
        confirm(first);

        Inbox inbox = new Inbox();
        try (Subscription ignored = bus().consume(queue, 10, inbox)) {
            Delivery delivery = inbox.next();
            assertThat(delivery.messageId()).isEqualTo(first.messageId());
            assertThat(text(delivery)).isEqualTo("{\"order\":1}");
            assertThat(delivery.redelivered()).isFalse();
            delivery.ack();
        }

        Outgoing marker = message(exchange, "orders", "{\"order\":2}");
        Inbox again = new Inbox();
        try (Subscription ignored = bus().consume(queue, 10, again)) {
            confirm(marker);
            assertThat(again.next().messageId()).as("the acknowledged message is gone").isEqualTo(marker.messageId());
        }
    }

    @Test
    default void anUnacknowledgedMessageIsRedeliveredOnceItsConsumerIsClosed() {
        String queue = name("queue");
        Outgoing message = message(exchangeWithQueue(queue, "k"), "k", "{\"pending\":true}");
        confirm(message);

        Inbox first = new Inbox();
        try (Subscription ignored = bus().consume(queue, 10, first)) {
            assertThat(first.next().redelivered()).isFalse();
        }
        Inbox second = new Inbox();
        try (Subscription ignored = bus().consume(queue, 10, second)) {
            Delivery redelivery = second.next();
            assertThat(redelivery.messageId()).isEqualTo(message.messageId());
            assertThat(text(redelivery)).isEqualTo("{\"pending\":true}");
            assertThat(redelivery.redelivered()).isTrue();
            redelivery.ack();
        }
        awaitDepth(queue, 0);
    }

    @Test
    default void aMandatoryMessageThatNoQueueTakesFailsAsNotFound() {
        String queue = name("queue");
        String exchange = exchangeWithQueue(queue, "bound");

        for (int i = 0; i < ROUNDS; i++) {
            assertThat(refusal(message(exchange, "unbound", "{}")).kind()).isEqualTo(FlowgateException.Kind.NOT_FOUND);
        }
        for (int i = 0; i < ROUNDS; i++) {
            confirm(message(exchange, "bound", "{}"));
        }
        Outgoing optional = message(exchange, "unbound", "{}");
        confirm(new Outgoing(exchange, "unbound", optional.messageId(), optional.type(), Map.of(), optional.body(), false));
        awaitDepth(queue, ROUNDS);
    }

    @Test
    default void propertiesAndBodyArriveAsSent() {
        String queue = name("queue");
        String exchange = exchangeWithQueue(queue, "k");
        Map<String, Object> headers = Map.of("flowId", UUID.randomUUID().toString(), "attempt", 3,
                "sentAt", 1_780_000_000_000L, "retryable", true);
        byte[] body = {0, 1, (byte) 0xfe, (byte) 0xff, '{', '}'};
        Outgoing sent = new Outgoing(exchange, "k", "message-" + UUID.randomUUID(), "flowgate.step", headers, body, true);
        confirm(sent);

        Inbox inbox = new Inbox();
        try (Subscription ignored = bus().consume(queue, 1, inbox)) {
            Delivery delivery = inbox.next();
            assertThat(delivery.messageId()).isEqualTo(sent.messageId());
            assertThat(delivery.type()).isEqualTo("flowgate.step");
            assertThat(delivery.headers()).isEqualTo(headers);
            assertThat(delivery.body()).isEqualTo(body);
            delivery.ack();
        }
    }

    /**
     * A consumer with prefetch 3 holds three messages; a second consumer, started after it, gets the other
     * seven, which the first would have taken had prefetch not held it back. Acknowledging one lets the next
     * message come to the first consumer.
     */
    @Test
    default void prefetchBoundsTheUnacknowledgedDeliveries() {
        String queue = name("queue");
        String exchange = exchangeWithQueue(queue, "k");
        for (int i = 0; i < 10; i++) {
            confirm(message(exchange, "k", "{\"n\":" + i + "}"));
        }

        Inbox bounded = new Inbox();
        try (Subscription ignored = bus().consume(queue, 3, bounded)) {
            List<Delivery> held = new ArrayList<>(List.of(bounded.next(), bounded.next(), bounded.next()));
            Inbox other = new Inbox();
            try (Subscription alsoIgnored = bus().consume(queue, 100, other)) {
                for (int i = 0; i < 7; i++) {
                    other.next().ack();
                }
            }
            assertThat(bounded.received()).as("in flight to the bounded consumer").isEqualTo(3);

            Outgoing next = message(exchange, "k", "{\"n\":10}");
            confirm(next);
            held.getFirst().ack();
            assertThat(bounded.next().messageId()).isEqualTo(next.messageId());
            held.subList(1, held.size()).forEach(Delivery::ack);
        }
    }

    @Test
    default void aMessageRefusedForWantOfAQueueIsAcceptedOnceOneTakesIt() {
        String queue = name("queue");
        String exchange = exchangeWithQueue(queue, "bound");
        Outgoing early = message(exchange, "later", "{}");
        assertThat(refusal(early).kind()).isEqualTo(FlowgateException.Kind.NOT_FOUND);

        bus().bind(queue, exchange, "later");
        for (int i = 0; i < ROUNDS; i++) {
            confirm(early);
        }
        awaitDepth(queue, ROUNDS);
    }

    @Test
    default void aPrivateQueueGetsWhatIsSentToItsNameAndGoesWithItsConnection() {
        String queue = name("private");
        Inbox inbox = new Inbox();
        try (MessageBus owner = connect()) {
            owner.consumePrivateQueue(queue, 10, inbox);
            Outgoing reply = message("", queue, "{\"reply\":true}");
            confirm(reply);

            Delivery delivery = inbox.next();
            assertThat(delivery.messageId()).isEqualTo(reply.messageId());
            assertThat(text(delivery)).isEqualTo("{\"reply\":true}");
            delivery.ack();
        }
        awaitDepth(queue, -1);
        assertThat(refusal(message("", queue, "{}")).kind()).as("nothing takes it any more")
                .isEqualTo(FlowgateException.Kind.NOT_FOUND);
    }
}
