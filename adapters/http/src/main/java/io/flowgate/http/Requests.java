package io.flowgate.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.Ids;
import io.flowgate.core.Json;
import io.flowgate.core.port.Page;
import io.helidon.http.HeaderNames;
import io.helidon.http.RequestException;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reading what a request says: path ids, query parameters, bounded bodies. */
public final class Requests {

    private Requests() {
    }

    public static UUID pathId(ServerRequest request, String name, String what) {
        return Ids.parseOrNotFound(request.path().pathParameters().get(name), what);
    }

    /** The {@code workspaceId} path parameter of the routes under {@code /v2/workspaces/{workspaceId}/…}. */
    public static UUID workspaceId(ServerRequest request) {
        return pathId(request, "workspaceId", "Workspace");
    }

    public static Optional<String> query(ServerRequest request, String name) {
        return request.query().first(name).asOptional().filter(value -> !value.isBlank());
    }

    public static List<String> queryAll(ServerRequest request, String name) {
        return request.query().contains(name) ? request.query().all(name) : List.of();
    }

    public static Optional<UUID> queryId(ServerRequest request, String name) {
        return query(request, name).map(value -> Ids.parse(value, name));
    }

    public static int queryInt(ServerRequest request, String name, int fallback) {
        Optional<String> value = query(request, name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.get());
        } catch (NumberFormatException e) {
            throw FlowgateException.invalid(name + " must be an integer, got '" + value.get() + "'");
        }
    }

    public static long queryLong(ServerRequest request, String name, long fallback) {
        Optional<String> value = query(request, name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.get());
        } catch (NumberFormatException e) {
            throw FlowgateException.invalid(name + " must be an integer, got '" + value.get() + "'");
        }
    }

    public static Page page(ServerRequest request) {
        return new Page(queryInt(request, "page[number]", 1), queryInt(request, "page[size]", Page.DEFAULT_SIZE));
    }

    public static Optional<String> header(ServerRequest request, String name) {
        return request.headers().first(HeaderNames.create(name));
    }

    /** The body, read up to {@code limit} bytes; a longer one is TOO_LARGE, not buffered further. */
    public static byte[] body(ServerRequest request, long limit) {
        if (!request.content().hasEntity()) {
            return new byte[0];
        }
        return request.context().get(SlowClientGuard.class)
                .map(guard -> guard.within(() -> read(request, limit)))
                .orElseGet(() -> read(request, limit));
    }

    /**
     * Reads the body. The stream is closed only once read to its end: closing it earlier would make the
     * server drain the rest, which for an endless or broken body never ends (the error answer then says
     * Connection: close instead).
     */
    private static byte[] read(ServerRequest request, long limit) {
        try {
            InputStream in = request.content().inputStream();
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw FlowgateException.tooLarge("The body is larger than the limit of " + limit + " bytes");
            }
            in.close();
            return bytes;
        } catch (IOException e) {
            throw FlowgateException.invalid("The body could not be read: " + e.getMessage());
        } catch (RequestException e) {
            if (e.status().code() == 413) {
                throw FlowgateException.tooLarge("The body is larger than the limit of " + limit + " bytes");
            }
            throw FlowgateException.invalid("The body could not be read: " + e.getMessage());
        } catch (FlowgateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw FlowgateException.invalid("The body is not valid HTTP framing: " + e.getMessage());
        }
    }

    /** The body as a JSON document (API calls), at most 10 MiB. */
    public static JsonNode json(ServerRequest request) {
        byte[] body = body(request, 10L * 1024 * 1024);
        if (body.length == 0) {
            throw FlowgateException.invalid("A JSON body is required");
        }
        return Json.parse(body);
    }
}
