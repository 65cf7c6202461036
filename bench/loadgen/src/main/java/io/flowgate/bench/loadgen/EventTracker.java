package io.flowgate.bench.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Follows FlowExecutionEvents through the events history ({@code GET /v2/events?channel=…&after=cursor}),
 * keeping, per execution, the {@code timestamp} of its {@code completed} event. The history is read
 * rather than SSE so that the e2e figures do not depend on live delivery (the sse scenario measures that).
 */
final class EventTracker implements AutoCloseable {

    private final FlowgateApi api;
    private final String channel;
    private final Set<String> flowIds;
    final Map<String, Long> completedMillis = new ConcurrentHashMap<>();
    final Map<String, Long> startedMillis = new ConcurrentHashMap<>();
    final Set<String> failed = ConcurrentHashMap.newKeySet();
    final AtomicLong newestMillis = new AtomicLong();
    final AtomicLong pollErrors = new AtomicLong();
    private volatile String lastError;
    private volatile boolean running = true;
    private final Thread thread;
    private long cursor;

    /**
     * Follows {@code channel} from {@code afterCursor}: a recent cursor, so that the events of earlier
     * scenarios are not read again. {@code flowIds} empty means every flow on the channel.
     */
    EventTracker(FlowgateApi api, String channel, Set<String> flowIds, long afterCursor) {
        this.api = api;
        this.channel = channel;
        this.flowIds = flowIds;
        this.cursor = afterCursor;
        this.thread = Thread.ofPlatform().daemon().name("event-tracker").start(this::poll);
    }

    private void poll() {
        String base = "/v2/events?channel=" + URLEncoder.encode(channel, StandardCharsets.UTF_8) + "&limit=1000&after=";
        while (running) {
            int got = 0;
            try {
                JsonNode page = api.get(base + cursor);
                for (JsonNode event : page.path("data")) {
                    got++;
                    accept(event.path("payload"));
                }
                String next = page.path("meta").path("next_cursor").asText("");
                if (!next.isEmpty()) {
                    cursor = Long.parseLong(next);
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                pollErrors.incrementAndGet();
                lastError = e.toString();
                sleep(200);
            }
            if (got < 1000) {
                sleep(50);
            }
        }
    }

    private void accept(JsonNode payload) {
        if (!flowIds.isEmpty() && !flowIds.contains(payload.path("flowId").asText())) {
            return;
        }
        String status = payload.path("status").asText();
        long millis = Instant.parse(payload.path("timestamp").asText()).toEpochMilli();
        newestMillis.accumulateAndGet(millis, Math::max);
        String executionId = payload.path("executionId").asText();
        if (status.equals("started")) {
            startedMillis.put(executionId, millis);
        } else if (status.equals("completed")) {
            completedMillis.put(executionId, millis);
        } else if (status.equals("failed") || status.equals("suspended")) {
            failed.add(executionId);
        }
    }

    /** Completed events whose timestamp falls in [fromMicros, toMicros). */
    long completedBetween(long fromMicros, long toMicros) {
        return completedMillis.values().stream().filter(ms -> ms * 1000 >= fromMicros && ms * 1000 < toMicros).count();
    }

    String lastError() {
        return lastError;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
