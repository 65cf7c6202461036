package io.flowgate.app.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowgate.core.Json;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.IntFunction;

/**
 * Webhook requests sent by a bounded number of concurrent callers, spread over several nodes in turn,
 * in the background while the test breaks things, until {@link #finish()}. It records the execution id of
 * every 2xx answer and how many answers of each other kind came (a refused connection counts as status 0).
 */
public final class WebhookLoad {

    /** What the callers got: the accepted executions, and the count of answers by status. */
    public record Result(List<String> accepted, Map<Integer, Integer> statuses) {
    }

    private static final Duration ERROR_PAUSE = Duration.ofMillis(50);

    private final List<ApiClient> targets;
    private final String flowId;
    private final IntFunction<JsonNode> body;
    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore concurrency;
    private final ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
    private final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    private final Thread sender;
    private volatile boolean sending = true;

    private WebhookLoad(List<ApiClient> targets, String flowId, int concurrency, IntFunction<JsonNode> body) {
        this.targets = List.copyOf(targets);
        this.flowId = flowId;
        this.body = body;
        this.concurrency = new Semaphore(concurrency);
        this.sender = Thread.ofVirtual().name("webhook-load").unstarted(this::sendUntilFinished);
    }

    /** Starts sending webhooks to {@code flowId} from {@code concurrency} callers, request {@code i} with {@code body.apply(i)}. */
    public static WebhookLoad start(List<ApiClient> targets, String flowId, int concurrency, IntFunction<JsonNode> body) {
        WebhookLoad load = new WebhookLoad(targets, flowId, concurrency, body);
        load.sender.start();
        return load;
    }

    private void sendUntilFinished() {
        for (int i = 0; sending; i++) {
            int index = i;
            concurrency.acquireUninterruptibly();
            callers.execute(() -> {
                try {
                    send(index);
                } finally {
                    concurrency.release();
                }
            });
        }
    }

    private void send(int index) {
        int status;
        try {
            ApiClient.Answer answer = targets.get(index % targets.size()).webhook(flowId, body.apply(index));
            status = answer.status();
            if (status >= 200 && status < 300) {
                accepted.add(answer.json().path("executionId").asText());
            }
        } catch (UncheckedIOException e) {
            status = 0;
        }
        statuses.merge(status, 1, Integer::sum);
        if (status < 200 || status >= 300) {
            pauseAfterError();
        }
    }

    /** As a well-behaved client would, rather than hammering a node that is down. */
    private static void pauseAfterError() {
        try {
            Thread.sleep(ERROR_PAUSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until {@code count} more requests than now have been accepted. */
    public void awaitAccepted(int count) {
        int target = accepted.size() + count;
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).until(() -> accepted.size() >= target);
    }

    /** Sends no more, and waits for every request sent to be answered. */
    public Result finish() {
        sending = false;
        try {
            sender.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        callers.close();
        return new Result(new ArrayList<>(accepted), Map.copyOf(statuses));
    }

    /** A small JSON body with the request's number. */
    public static JsonNode numbered(int index) {
        return Json.object().put("name", "caller " + index);
    }
}
