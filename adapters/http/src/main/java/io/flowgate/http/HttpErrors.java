package io.flowgate.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.Json;
import io.helidon.webserver.http.ServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one mapping from error kinds to HTTP status codes, and the JSON error body every error has. */
public final class HttpErrors {

    private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);

    private HttpErrors() {
    }

    public static int status(FlowgateException.Kind kind) {
        return switch (kind) {
            case INVALID_INPUT -> 400;
            case UNAUTHORIZED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case METHOD_NOT_ALLOWED -> 405;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case UNPROCESSABLE -> 422;
            case RATE_LIMITED -> 429;
            case INTERNAL -> 500;
            case UNAVAILABLE -> 503;
            case TIMEOUT -> 504;
        };
    }

    /** {@code {"errors":[{"status","title","detail"}…]}}, one entry per problem when there are several. */
    public static ObjectNode body(FlowgateException e) {
        int status = status(e.kind());
        ObjectNode body = Json.object();
        ArrayNode errors = body.putArray("errors");
        if (e.problems().isEmpty()) {
            errors.addObject().put("status", status).put("title", e.title()).put("detail", e.getMessage());
        }
        for (FlowgateException.Problem problem : e.problems()) {
            ObjectNode error = errors.addObject().put("status", status).put("title", e.title()).put("detail", problem.detail());
            if (problem.pointer() != null) {
                error.putObject("source").put("pointer", problem.pointer());
            }
        }
        return body;
    }

    public static void send(ServerResponse response, FlowgateException e) {
        if (e.kind() == FlowgateException.Kind.INTERNAL) {
            LOG.error("Internal error", e);
        }
        if (e.retryAfterSeconds() > 0) {
            response.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
        }
        Responses.json(response, status(e.kind()), body(e));
    }

    /** Anything that is not a FlowgateException is a bug: logged, and answered as a 500 without details. */
    public static void sendUnexpected(ServerResponse response, Throwable e) {
        LOG.error("Unexpected error", e);
        send(response, FlowgateException.internal("An unexpected error occurred; it has been logged", e));
    }
}
