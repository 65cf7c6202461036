package io.flowgate.services.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.IdGenerator;
import io.flowgate.core.Json;
import io.flowgate.core.flow.Flow;
import io.flowgate.core.flow.FlowNode;
import io.flowgate.core.message.StepMessage;
import io.flowgate.core.message.WebhookTriggerMessage;
import io.flowgate.core.port.IdempotencyKeys;
import io.flowgate.core.port.Store;
import io.flowgate.runtime.engine.StepDispatcher;
import io.flowgate.runtime.engine.SyncReply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The webhook trigger: turns an HTTP request into a WebhookTriggerMessage for its flow and answers only
 * once the broker has confirmed the message. A flow with a {@code reply} step answers synchronously with
 * what that step replies.
 */
public final class WebhookIngress {

    /** How long the broker may take to confirm, and how long idempotency keys are remembered. */
    public record Settings(Duration confirmTimeout, Duration idempotencyWindow, Duration defaultReplyTimeout) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(10), Duration.ofHours(24), Duration.ofSeconds(30));
    }

    static final int MAX_CORRELATION_ID = 200;
    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private final FlowDirectory flows;
    private final WebhookAuthenticator authenticator;
    private final AdmissionControl admission;
    private final StepDispatcher dispatcher;
    private final ReplyWaiters replies;
    private final Store store;
    private final IdGenerator ids;
    private final Clock clock;
    private final Settings settings;

    public WebhookIngress(FlowDirectory flows, WebhookAuthenticator authenticator, AdmissionControl admission,
                          StepDispatcher dispatcher, ReplyWaiters replies, Store store, IdGenerator ids, Clock clock,
                          Settings settings) {
        this.flows = flows;
        this.authenticator = authenticator;
        this.admission = admission;
        this.dispatcher = dispatcher;
        this.replies = replies;
        this.store = store;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
    }

    public WebhookAnswer accept(WebhookRequest request) {
        if (!METHODS.contains(request.method())) {
            throw FlowgateException.methodNotAllowed("Webhooks accept GET, POST, PUT, PATCH and DELETE, not " + request.method());
        }
        Flow flow = activeFlow(request.flowId());
        FlowNode trigger = flow.graph().trigger();
        authenticator.check(trigger, flow.workspaceId(), request);
        admission.admit(flow, trigger.fields().path("rateLimitPerMinute").asInt(0), trigger.fields().path("maxBacklog").asLong(0));
        checkCorrelationId(request.header("x-correlation-id"));
        ObjectNode body = BodyParser.parse(request.header("content-type"), request.body());
        Instant receivedAt = clock.instant();
        UUID requestId = ids.next();
        UUID executionId = ids.next();
        String idempotencyKey = request.header("idempotency-key");
        if (idempotencyKey != null) {
            Optional<IdempotencyKeys.Entry> earlier = remember(flow, idempotencyKey, requestId, executionId, receivedAt);
            if (earlier.isPresent()) {
                return accepted(earlier.get().requestId(), earlier.get().executionId(), true);
            }
        }
        var message = new WebhookTriggerMessage(request.headers(), body, request.queryParameters(), request.method(),
                request.path(), requestId, receivedAt);
        boolean sync = flow.graph().hasStep("reply", "reply");
        CompletableFuture<SyncReply> reply = sync ? replies.expect(executionId) : null;
        try {
            publish(flow, trigger, message, executionId, sync, request);
        } catch (FlowgateException e) {
            if (sync) {
                replies.forget(executionId);
            }
            if (idempotencyKey != null) {
                forget(flow, idempotencyKey);
            }
            throw e;
        }
        return sync ? awaitReply(reply, trigger, executionId, requestId) : accepted(requestId, executionId, false);
    }

    /**
     * Whether {@code flowIdText} names an active webhook flow: metrics label requests with the flow's id only
     * then, so that made-up ids do not each become a series of their own.
     */
    public boolean isWebhookFlow(String flowIdText) {
        return activeFlowNamed(flowIdText).filter(WebhookIngress::triggeredByWebhooks).isPresent();
    }

    private static void checkCorrelationId(String correlationId) {
        if (correlationId != null && (correlationId.isBlank() || correlationId.length() > MAX_CORRELATION_ID)) {
            throw FlowgateException.invalid("X-Correlation-Id must have 1 to " + MAX_CORRELATION_ID + " characters");
        }
    }

    private Flow activeFlow(String flowIdText) {
        Flow flow = activeFlowNamed(flowIdText).orElseThrow(() -> inactive(flowIdText));
        if (!triggeredByWebhooks(flow)) {
            throw FlowgateException.notFound("Flow " + flowIdText + " is not triggered by webhooks");
        }
        return flow;
    }

    /** The active flow {@code flowIdText} names; empty for anything else, text that is no UUID included. */
    private Optional<Flow> activeFlowNamed(String flowIdText) {
        UUID flowId;
        try {
            flowId = UUID.fromString(flowIdText);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return flows.find(flowId).filter(Flow::isActive);
    }

    private static boolean triggeredByWebhooks(Flow flow) {
        return flow.graph().trigger().is("webhook", "receive");
    }

    private void publish(Flow flow, FlowNode trigger, WebhookTriggerMessage message, UUID executionId, boolean sync,
                         WebhookRequest request) {
        String correlationId = Optional.ofNullable(request.header("x-correlation-id")).orElse(message.requestId().toString());
        ObjectNode attributes = Json.object().put("trigger", "webhook");
        StepMessage step = new StepMessage(message.requestId(), null, executionId, flow.id(), flow.workspaceId(),
                flow.version(), trigger.id(), 1, message.toJson(), attributes,
                new StepMessage.TraceContext(message.requestId(), correlationId, sync ? replies.queue() : null));
        try {
            dispatcher.send(step).get(settings.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FlowgateException fe && fe.kind() == FlowgateException.Kind.NOT_FOUND) {
                throw inactive(flow.id().toString());
            }
            throw FlowgateException.unavailable("The request could not be stored durably: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw FlowgateException.unavailable("The broker did not confirm the request in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FlowgateException.unavailable("Interrupted while storing the request", e);
        }
    }

    private WebhookAnswer awaitReply(CompletableFuture<SyncReply> pending, FlowNode trigger, UUID executionId, UUID requestId) {
        long timeoutMillis = trigger.fields().path("replyTimeoutMs").asLong(settings.defaultReplyTimeout().toMillis());
        Map<String, String> ids = Map.of("x-request-id", requestId.toString(), "x-execution-id", executionId.toString());
        try {
            SyncReply reply = pending.get(timeoutMillis, TimeUnit.MILLISECONDS);
            Map<String, String> headers = new java.util.HashMap<>(reply.headers());
            headers.putAll(ids);
            return new WebhookAnswer(reply.status(), headers, reply.body(), WebhookAnswer.Outcome.REPLIED);
        } catch (TimeoutException e) {
            replies.forget(executionId);
            JsonNode body = error(504, "Gateway Timeout", "The flow did not reply within " + timeoutMillis + " ms");
            return new WebhookAnswer(504, ids, body, WebhookAnswer.Outcome.REPLY_TIMED_OUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            replies.forget(executionId);
            throw FlowgateException.unavailable("Interrupted while waiting for the reply", e);
        } catch (ExecutionException e) {
            throw FlowgateException.internal("Waiting for the reply failed", e);
        }
    }

    private Optional<IdempotencyKeys.Entry> remember(Flow flow, String key, UUID requestId, UUID executionId, Instant now) {
        if (key.isBlank() || key.length() > 255) {
            throw FlowgateException.invalid("Idempotency-Key must have 1 to 255 characters");
        }
        var entry = new IdempotencyKeys.Entry(flow.id(), key, requestId, executionId, now);
        return store.transact(tx -> tx.idempotencyKeys().putIfAbsent(entry, now.minus(settings.idempotencyWindow())));
    }

    private void forget(Flow flow, String key) {
        try {
            store.transact(tx -> {
                tx.idempotencyKeys().remove(flow.id(), key);
                return null;
            });
        } catch (FlowgateException ignored) {
            // the key outlives a failed request only until its window ends; the caller was told to retry
        }
    }

    private static WebhookAnswer accepted(UUID requestId, UUID executionId, boolean repeated) {
        ObjectNode body = Json.object()
                .put("requestId", requestId.toString())
                .put("executionId", executionId.toString())
                .put("message", "thank you");
        if (repeated) {
            body.put("idempotent", true);
        }
        return new WebhookAnswer(202, Map.of("x-request-id", requestId.toString(), "x-execution-id", executionId.toString()), body,
                repeated ? WebhookAnswer.Outcome.REPEATED : WebhookAnswer.Outcome.ACCEPTED);
    }

    static JsonNode error(int status, String title, String detail) {
        ObjectNode body = Json.object();
        body.putArray("errors").addObject().put("status", status).put("title", title).put("detail", detail);
        return body;
    }

    private static FlowgateException inactive(String flowId) {
        return FlowgateException.notFound("Flow " + flowId + " either does not exist or is inactive");
    }
}
