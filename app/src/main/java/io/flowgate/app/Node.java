package io.flowgate.app;

import io.flowgate.core.Ids;
import io.flowgate.delivery.PrivateAddressGuard;
import io.flowgate.http.Authenticated;
import io.flowgate.http.DocumentRoutes;
import io.flowgate.http.EventRoutes;
import io.flowgate.http.ExecutionRoutes;
import io.flowgate.http.FlowRoutes;
import io.flowgate.http.HttpServer;
import io.flowgate.http.Intake;
import io.flowgate.http.OperationsRoutes;
import io.flowgate.http.SubscriptionRoutes;
import io.flowgate.http.UserRoutes;
import io.flowgate.http.WebhookRoutes;
import io.flowgate.http.WorkspaceRoutes;
import io.flowgate.runtime.component.ComponentRegistry;
import io.flowgate.runtime.engine.CredentialVault;
import io.flowgate.runtime.engine.EventFactory;
import io.flowgate.runtime.engine.ExecutionEngine;
import io.flowgate.runtime.engine.FlowCatalog;
import io.flowgate.runtime.engine.FlowQueues;
import io.flowgate.runtime.engine.StepDispatcher;
import io.flowgate.runtime.engine.StepWorker;
import io.flowgate.runtime.engine.TimerService;
import io.flowgate.runtime.events.EventFeed;
import io.flowgate.runtime.events.EventSequencer;
import io.flowgate.runtime.schedule.Scheduler;
import io.flowgate.runtime.events.Retention;
import io.flowgate.runtime.support.ClusterLease;
import io.flowgate.runtime.support.Loop;
import io.flowgate.services.deadletters.DeadLetterService;
import io.flowgate.services.auth.AuthService;
import io.flowgate.services.auth.UserService;
import io.flowgate.services.events.EventHub;
import io.flowgate.services.events.EventService;
import io.flowgate.services.executions.ExecutionService;
import io.flowgate.services.flows.FlowLifecycle;
import io.flowgate.services.flows.FlowService;
import io.flowgate.services.subscriptions.DeliveryService;
import io.flowgate.services.subscriptions.SubscriptionService;
import io.flowgate.core.flow.Flow;
import io.flowgate.services.ingress.AdmissionControl;
import io.flowgate.services.ingress.FlowDirectory;
import io.flowgate.services.ingress.ReplyWaiters;
import io.flowgate.services.ingress.WebhookAuthenticator;
import io.flowgate.services.ingress.WebhookIngress;
import io.flowgate.services.workspaces.WorkspaceService;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Flowgate node: the composition root. It wires the adapters to the services and starts the roles
 * the configuration asks for. No logic lives here.
 */
public final class Node implements AutoCloseable {

    /** How often the embedded database is forced to disk (see {@link io.flowgate.store.jdbc.JdbcStore#syncToDisk}). */
    private static final Duration EMBEDDED_DISK_SYNC = Duration.ofMillis(200);
    /**
     * The sequencer and the event feed run at most this often while they keep up: under load each commit
     * of theirs costs a write of the embedded database's pages, and one run every few milliseconds takes
     * what a hundred would. Live streams see an event at most this much later.
     */
    private static final Duration EVENT_PACE = Duration.ofMillis(5);
    /** How long the ids of topic messages AMQP clients published are kept, to count each once (docs/topics.md). */
    private static final Duration TOPIC_CLIENT_MESSAGE_IDS_KEPT = Duration.ofDays(7);
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);

    private final Infrastructure infrastructure;
    private final List<AutoCloseable> running = new ArrayList<>();
    private HttpServer http;
    private EventHub liveStreams;
    private final String adminKey;
    private final boolean adminKeyCreated;
    private final Intake intake = new Intake();
    private final Duration shutdownGrace;
    private WorkerModule workers;

    private Node(FlowgateConfig config) {
        Clock clock = Clock.systemUTC();
        Ids ids = new Ids(clock);
        String nodeId = config.nodeId() != null ? config.nodeId() : UUID.randomUUID().toString().substring(0, 8);
        DataDirectory data = new DataDirectory(config.dataDir());
        DataDirectory.AdminKey generated = config.adminToken() == null ? data.adminKey() : null;
        this.adminKey = config.adminToken() != null ? config.adminToken() : generated.key();
        this.adminKeyCreated = generated != null && generated.created();
        this.shutdownGrace = config.runtime().shutdownGrace();
        this.infrastructure = Infrastructure.start(config, data, adminKey, nodeId);
        try {
            wire(config, data, clock, ids, nodeId);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void wire(FlowgateConfig config, DataDirectory data, Clock clock, Ids ids, String nodeId) {
        var store = infrastructure.store;
        var bus = infrastructure.bus;

        AuthService auth = new AuthService(store, ids, clock);
        auth.ensureAdmin(adminKey);
        ComponentRegistry components = ComponentRegistry.discover();
        FlowQueues queues = new FlowQueues(bus);
        queues.declareTopology();
        StepDispatcher dispatcher = new StepDispatcher(bus);
        EventFactory events = new EventFactory(ids, clock);
        // Workspace management (issue 6): sealed credentials, custom components, members, recipes, dead letters.
        ManagementModule management = ManagementModule.start(config, infrastructure.secrets, store, components, events, ids, clock);
        CredentialVault credentials = management.credentials();
        FlowCatalog catalog = new FlowCatalog(store, management.components());

        EventHub hub = new EventHub(store, config.delivery().streamBuffer());
        this.liveStreams = hub;
        EventFeed feed = new EventFeed(store);
        feed.listen(hub::publish);
        Loop feedLoop = keep(Loop.start("event-feed", Duration.ofMillis(50), new Loop.Pace(EVENT_PACE, EventFeed.BATCH), feed::poll));
        EventSequencer sequencer = new EventSequencer(store, feedLoop::wake);
        Loop sequencerLoop = keep(Loop.start("event-sequencer", Duration.ofMillis(50),
                new Loop.Pace(EVENT_PACE, EventSequencer.BATCH), sequencer::sequence));
        // On the embedded database events have their cursor at commit; its sequencer only numbers events an
        // older version left without one, found by its idle poll.
        store.whenEventsCommitted(infrastructure.store.numbersEventsAtCommit() ? feedLoop::wake : sequencerLoop::wake);

        Scheduler scheduler = new Scheduler(store, dispatcher, clock);
        List<Retention.Sweep> sweeps = new ArrayList<>(Retention.executions(config.retention().executions(),
                config.retention().stepInputs(), WebhookIngress.Settings.DEFAULT.idempotencyWindow()));
        sweeps.addAll(Retention.eventsAndDeliveries(config.retention().events()));
        sweeps.add(Retention.topicClientMessages(TOPIC_CLIENT_MESSAGE_IDS_KEPT));
        Retention retention = new Retention(store, lease("retention", nodeId, clock), clock, sweeps);
        keep(Loop.start("retention", Duration.ofMinutes(10), retention::sweep));
        ClusterLease upkeep = lease("table-upkeep", nodeId, clock);
        keep(Loop.start("table-upkeep", Duration.ofSeconds(10), () -> {
            if (upkeep.held()) {
                infrastructure.store.keepTablesUp();
            }
            return 0;
        }));
        keep(Loop.start("disk-sync", EMBEDDED_DISK_SYNC, () -> {
            infrastructure.store.syncToDisk();
            return 0;
        }));
        // Topics (issue 5): the publisher (topic/publish steps and the API), the intake of topic messages on
        // subscribers' flow queues, broker bindings that follow flow starts and stops, batched counters.
        TopicsModule topics = keep(TopicsModule.start(store, bus, queues, ids, clock));

        if (config.runs(FlowgateConfig.Role.WORKER)) {
            ExecutionEngine engine = new ExecutionEngine(store, catalog, dispatcher, events, ids, clock, credentials,
                    topics.publisher());
            workers = WorkerModule.start(store, bus, queues, engine, new StepWorker(engine, topics.triggers(), store, ids, clock),
                    new TimerService(store, dispatcher, clock, nodeId), scheduler, config.runtime().workerPrefetch());
            running.add(workers);
        }
        WorkerModule localWorkers = workers;
        FlowDirectory directory = new FlowDirectory(store, clock, Duration.ofSeconds(1));
        FlowLifecycle followChanges = new FlowLifecycle() {
            @Override
            public void started(Flow flow) {
                scheduler.register(flow);
                changed();
            }

            @Override
            public void stopped(Flow flow) {
                scheduler.unregister(flow.id());
                changed();
            }

            @Override
            public void deleted(Flow flow) {
                scheduler.unregister(flow.id());
                changed();
            }

            private void changed() {
                directory.evictAll();
                if (localWorkers != null) {
                    localWorkers.flowsChanged();
                }
                sequencerLoop.wake();
            }
        };
        FlowService flows = new FlowService(store, management.components(), queues, catalog, dispatcher, events,
                ids, clock, List.of(topics.bindings(), followChanges));

        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);

        List<HttpServer.Mount> routes = new ArrayList<>();
        Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
        checks.put("broker", bus::isHealthy);
        checks.put("database", store::isHealthy);
        checks.put("intake", intake::isOpen);
        routes.add(new HttpServer.Mount("/", new OperationsRoutes(checks, metrics)));
        routes.add(new HttpServer.Mount("/", new DocumentRoutes()));
        if (config.runs(FlowgateConfig.Role.INGRESS)) {
            ReplyWaiters replies = keep(new ReplyWaiters(bus, nodeId));
            AdmissionControl admission = new AdmissionControl(new AdmissionControl.Limits(
                    config.runtime().workspaceRatePerMinute(), config.runtime().maxBacklog()), queues::backlog, System::nanoTime);
            WebhookIngress ingress = new WebhookIngress(directory, new WebhookAuthenticator(credentials, clock), admission,
                    dispatcher, replies, store, ids, clock, WebhookIngress.Settings.DEFAULT);
            WebhookRoutes webhooks = new WebhookRoutes(ingress, config.http().maxBodyBytes(), metrics);
            routes.add(new HttpServer.Mount("/hook", webhooks));
            routes.add(new HttpServer.Mount("/webhook/flow", webhooks));
        }
        if (config.runs(FlowgateConfig.Role.API)) {
            Authenticated authenticated = new Authenticated(auth);
            routes.add(new HttpServer.Mount("/v2/users", new UserRoutes(new UserService(store, auth, ids, clock), authenticated)));
            routes.add(new HttpServer.Mount("/v2/workspaces", new WorkspaceRoutes(new WorkspaceService(store, ids, clock, flows::workspaceDeleted), authenticated)));
            routes.add(new HttpServer.Mount("/v2/flows", new FlowRoutes(flows, authenticated)));
            routes.add(new HttpServer.Mount("/v2/executions", new ExecutionRoutes(new ExecutionService(store, dispatcher), authenticated)));
            routes.add(new HttpServer.Mount("/v2/events", new EventRoutes(new EventService(store, hub), authenticated)));
            routes.addAll(management.routes(authenticated, flows,
                    new DeadLetterService(store, queues, dispatcher, topics.triggers())));
            routes.add(topics.routes(authenticated, config.http().maxBodyBytes()));
        }
        metrics.gauge("flowgate.event.streams.open", hub, EventHub::openStreams);
        Runnable deliveriesDue = () -> { };
        if (config.runs(FlowgateConfig.Role.DELIVERY)) {
            DeliveryModule delivery = DeliveryModule.start(config.delivery(), store, infrastructure, events, ids, clock, nodeId,
                    metrics, name -> lease(name, nodeId, clock));
            running.add(delivery);
            deliveriesDue = delivery::deliveriesDue;
            feed.listen(newEvents -> delivery.eventsSequenced());
        }
        if (config.runs(FlowgateConfig.Role.API)) {
            SubscriptionService subscriptions = new SubscriptionService(store,
                    PrivateAddressGuard.forNode(config.delivery().allowPrivate()), events, ids, clock);
            routes.add(new HttpServer.Mount("/v2/workspaces", new SubscriptionRoutes(subscriptions,
                    new DeliveryService(store, ids, clock, deliveriesDue), new Authenticated(auth))));
        }

        this.http = HttpServer.start(new HttpServer.Settings(config.http().host(), config.http().port(),
                config.http().maxBodyBytes(), config.http().maxHeaderBytes(), config.http().readTimeout(),
                config.http().readTimeout(), shutdownGrace), routes, intake);
        LOG.info("Node {} runs {} on port {}", nodeId, config.roles(), http.port());
    }

    public static Node start(FlowgateConfig config) {
        return new Node(config);
    }

    public int port() {
        return http.port();
    }

    /** The bootstrap admin's API key. */
    public String adminKey() {
        return adminKey;
    }

    /** The admin key if it was generated by this start (to be shown once), else empty. */
    public Optional<String> newAdminKey() {
        return adminKeyCreated ? Optional.of(adminKey) : Optional.empty();
    }

    /**
     * Drains, then closes everything: readiness and new requests answer 503 at once, the requests in flight
     * are answered, the workers take no more messages and finish the step runs in hand (all within the
     * shutdown grace period); what is still unfinished then stays in the broker and runs again.
     */
    @Override
    public void close() {
        Instant deadline = Instant.now().plus(shutdownGrace);
        intake.close();
        if (liveStreams != null) {
            liveStreams.endAll();
        }
        if (!intake.awaitIdle(deadline)) {
            LOG.warn("Requests still in progress at the end of the shutdown grace period are cut off");
        }
        if (workers != null) {
            workers.drain(deadline);
        }
        if (http != null) {
            http.close();
        }
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                LOG.warn("Stopping {} failed: {}", running.get(i), e.toString());
            }
        }
        infrastructure.close();
        LOG.info("Node stopped");
    }

    /** A cluster-wide lease, given up when the node stops (after the job using it, which is kept later). */
    private ClusterLease lease(String name, String nodeId, Clock clock) {
        ClusterLease lease = new ClusterLease(infrastructure.store, name, nodeId, clock, Duration.ofSeconds(15));
        running.add(lease::release);
        return lease;
    }

    private <T extends AutoCloseable> T keep(T component) {
        running.add(component);
        return component;
    }

}
