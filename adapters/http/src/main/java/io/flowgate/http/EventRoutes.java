package io.flowgate.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.Json;
import io.flowgate.core.event.ChannelAddress;
import io.flowgate.core.event.StoredEvent;
import io.flowgate.services.auth.Caller;
import io.flowgate.services.events.EventService;
import io.flowgate.services.events.EventStream;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /v2/events}: history by cursor, and live Server-Sent Events that resume with Last-Event-ID. */
public final class EventRoutes implements HttpService {

    private static final Logger LOG = LoggerFactory.getLogger(EventRoutes.class);
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final EventService events;
    private final Authenticated authenticated;

    public EventRoutes(EventService events, Authenticated authenticated) {
        this.events = events;
        this.authenticated = authenticated;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", authenticated.by(this::history))
                .get("/stream", authenticated.by(this::stream));
    }

    private void history(Caller caller, ServerRequest req, ServerResponse res) {
        List<StoredEvent> page = events.history(caller, channels(req), Requests.queryLong(req, "after", 0),
                Requests.queryInt(req, "limit", EventService.DEFAULT_LIMIT));
        ObjectNode document = Json.object();
        ArrayNode data = document.putArray("data");
        page.forEach(event -> data.add(Representations.event(event)));
        long next = page.isEmpty() ? Requests.queryLong(req, "after", 0) : page.getLast().cursor();
        document.putObject("meta").put("next_cursor", String.valueOf(next));
        Responses.json(res, 200, document);
    }

    private void stream(Caller caller, ServerRequest req, ServerResponse res) {
        List<ChannelAddress> channels = channels(req);
        long after = Requests.header(req, "Last-Event-ID").map(EventRoutes::cursor)
                .orElseGet(() -> Requests.queryLong(req, "after", 0));
        res.header("Cache-Control", "no-cache");
        res.header("X-Accel-Buffering", "no");
        try (EventStream stream = events.stream(caller, channels, after); SseSink sink = res.sink(SseSink.TYPE)) {
            sink.emit(SseEvent.builder().comment("connected").build());
            while (true) {
                Optional<StoredEvent> event = stream.next(HEARTBEAT);
                if (event.isPresent()) {
                    StoredEvent e = event.get();
                    sink.emit(SseEvent.builder().id(String.valueOf(e.cursor())).name(e.name()).data(e.payloadJson()).build());
                } else {
                    sink.emit(SseEvent.builder().comment("heartbeat").build());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            LOG.info("Closing an event stream: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.debug("Event stream ended: {}", e.toString());
        }
    }

    private static List<ChannelAddress> channels(ServerRequest req) {
        List<String> values = Requests.queryAll(req, "channel");
        if (values.isEmpty()) {
            throw FlowgateException.invalid("channel is required, e.g. channel=flow/*/execution");
        }
        return values.stream().map(ChannelAddress::pattern).toList();
    }

    private static long cursor(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw FlowgateException.invalid("Last-Event-ID must be a cursor, got '" + text + "'");
        }
    }
}
