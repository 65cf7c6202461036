package io.flowgate.runtime.topics;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.IdGenerator;
import io.flowgate.core.Json;
import io.flowgate.core.Timestamps;
import io.flowgate.core.FlowgateException.Problem;
import io.flowgate.core.message.TopicMessage;
import io.flowgate.core.port.MessageBus;
import io.flowgate.core.port.Topology;
import io.flowgate.runtime.engine.TopicGateway;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes TopicMessages for flows and the API: checks the data against the topic, then publishes the
 * message to {@link Topology#TOPICS_EXCHANGE} with the topic's routing key (persistent, AMQP type
 * {@value Topology#TOPIC_MESSAGE_TYPE}, message id = the TopicMessage's id) and waits for the broker's
 * confirm. Confirms are pipelined by the bus, so concurrent publishers share round trips.
 */
public final class TopicPublisher implements TopicGateway {

    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

    private final TopicDirectory directory;
    private final MessageBus bus;
    private final TopicCounters counters;
    private final IdGenerator ids;
    private final Clock clock;

    public TopicPublisher(TopicDirectory directory, MessageBus bus, TopicCounters counters, IdGenerator ids, Clock clock) {
        this.directory = directory;
        this.bus = bus;
        this.counters = counters;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public TopicMessage publish(Publication publication) {
        KnownTopic topic = directory.find(publication.workspaceId(), publication.topicName()).orElseThrow(() ->
                FlowgateException.notFound("Topic '" + publication.topicName() + "' does not exist in this workspace"));
        List<Problem> problems = topic.problems(publication.data(), "");
        if (!problems.isEmpty()) {
            throw FlowgateException.unprocessable("The data does not match topic '" + topic.topic().name() + "'", problems);
        }
        TopicMessage message = message(publication);
        await(bus.publish(new MessageBus.Outgoing(Topology.TOPICS_EXCHANGE, topic.topic().routingKey(),
                message.id().toString(), Topology.TOPIC_MESSAGE_TYPE, Map.of(Topology.COUNTED_HEADER, true), Json.bytes(message.toJson()),
                false)));
        counters.published(topic.topic().id());
        return message;
    }

    private TopicMessage message(Publication publication) {
        UUID id = publication.messageId() != null ? publication.messageId() : ids.next();
        return new TopicMessage(id, publication.topicName(), publication.data(), Timestamps.millis(clock.instant()),
                publication.sourceFlowId(), publication.correlationId()).withDefaultCorrelation();
    }

    private static void await(java.util.concurrent.CompletableFuture<Void> confirm) {
        try {
            confirm.get(CONFIRM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FlowgateException.unavailable("Interrupted while the broker confirmed the topic message", e);
        } catch (ExecutionException | TimeoutException e) {
            throw FlowgateException.unavailable("The broker did not confirm the topic message: " + e.getMessage(), e);
        }
    }
}
