package io.flowgate.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowgate.core.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A Server-Sent Events client of {@code /v2/events/stream}, as a browser's EventSource reads it. */
public final class SseClient implements AutoCloseable {

    /** One event: {@code id} (the cursor), {@code event} (the message name) and {@code data} (the payload). */
    public record Event(long id, String name, JsonNode data) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final InputStream body;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;

    private SseClient(InputStream body) {
        this.body = body;
        this.reader = Thread.ofVirtual().start(this::read);
    }

    /** Opens a stream with this query (e.g. {@code channel=flow/<id>/execution}), resuming after {@code lastEventId} if given. */
    public static SseClient open(ApiClient api, String query, Long lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.base() + "/v2/events/stream?" + query))
                .header("authorization", "Bearer " + api.apiKey())
                .header("accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("last-event-id", String.valueOf(lastEventId));
        }
        try {
            HttpResponse<InputStream> response = HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("The stream answered " + response.statusCode() + ": "
                        + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
            }
            return new SseClient(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next {@code count} events; fails when they do not come within {@code wait}. */
    public List<Event> take(int count, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        List<Event> taken = new ArrayList<>();
        try {
            while (taken.size() < count) {
                Event event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (event == null) {
                    throw new AssertionError("Got " + taken.size() + " of " + count + " events within " + wait);
                }
                taken.add(event);
            }
            return taken;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(Long.parseLong(id), name, Json.parse(data.toString())));
                    }
                    id = null;
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).strip());
                }
            }
        } catch (IOException e) {
            // the stream ended: closed by the test or by the server
        }
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException ignored) {
            // closing a test stream
        }
        reader.interrupt();
    }
}
