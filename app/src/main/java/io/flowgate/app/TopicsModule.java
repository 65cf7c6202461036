package io.flowgate.app;

import io.flowgate.core.IdGenerator;
import io.flowgate.core.port.MessageBus;
import io.flowgate.core.port.Store;
import io.flowgate.http.Authenticated;
import io.flowgate.http.HttpServer;
import io.flowgate.http.TopicRoutes;
import io.flowgate.runtime.engine.FlowQueues;
import io.flowgate.runtime.support.Loop;
import io.flowgate.runtime.topics.TopicCounters;
import io.flowgate.runtime.topics.TopicDirectory;
import io.flowgate.runtime.topics.TopicPublisher;
import io.flowgate.runtime.topics.TopicTriggers;
import io.flowgate.services.topics.TopicBindings;
import io.flowgate.services.topics.TopicService;
import java.time.Clock;
import java.time.Duration;

/**
 * The wiring of pub/sub topics: the publisher (the {@code topic}/{@code publish} step's gateway and the
 * API's), the subscriber intake the step workers hand topic messages to, the broker bindings that follow
 * flow starts and stops, and the counters flushed to the database every second.
 */
final class TopicsModule implements AutoCloseable {

    private static final Duration COUNTER_FLUSH = Duration.ofSeconds(1);

    private final Store store;
    private final FlowQueues queues;
    private final IdGenerator ids;
    private final Clock clock;
    private final TopicDirectory directory;
    private final TopicCounters counters;
    private final TopicPublisher publisher;
    private final TopicTriggers triggers;
    private final TopicBindings bindings;
    private final Loop flushing;

    private TopicsModule(Store store, MessageBus bus, FlowQueues queues, IdGenerator ids, Clock clock) {
        this.store = store;
        this.queues = queues;
        this.ids = ids;
        this.clock = clock;
        this.directory = new TopicDirectory(store, clock);
        this.counters = new TopicCounters(store, clock);
        this.publisher = new TopicPublisher(directory, bus, counters, ids, clock);
        this.triggers = new TopicTriggers(store, directory, counters, clock);
        this.bindings = new TopicBindings(store, queues, triggers::forget);
        this.flushing = Loop.start("topic-counters", COUNTER_FLUSH, counters::flush);
    }

    /** Wires topics and binds the queues of the active subscribers again (idempotent). */
    static TopicsModule start(Store store, MessageBus bus, FlowQueues queues, IdGenerator ids, Clock clock) {
        TopicsModule module = new TopicsModule(store, bus, queues, ids, clock);
        module.bindings.bindActiveSubscribers();
        return module;
    }

    TopicPublisher publisher() {
        return publisher;
    }

    TopicTriggers triggers() {
        return triggers;
    }

    TopicBindings bindings() {
        return bindings;
    }

    HttpServer.Mount routes(Authenticated authenticated, long maxBodyBytes) {
        TopicService service = new TopicService(store, directory, publisher, queues, ids, clock);
        return new HttpServer.Mount("/v2/workspaces", new TopicRoutes(service, authenticated, maxBodyBytes));
    }

    /** Stops flushing, then saves what was counted since the last flush. */
    @Override
    public void close() {
        flushing.close();
        counters.close();
    }
}
