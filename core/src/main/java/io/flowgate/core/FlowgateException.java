package io.flowgate.core;

import java.util.List;

/**
 * The one error type of the platform. The {@link Kind} says what went wrong; adapters map kinds to
 * their own vocabulary (HTTP status codes) in one place.
 */
public final class FlowgateException extends RuntimeException {

    public enum Kind {
        INVALID_INPUT, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, METHOD_NOT_ALLOWED, CONFLICT, TOO_LARGE,
        UNPROCESSABLE, RATE_LIMITED, UNAVAILABLE, TIMEOUT, INTERNAL
    }

    /** One precise problem, with a JSON pointer to where it is when there is one. */
    public record Problem(String detail, String pointer) {
        public static Problem at(String pointer, String detail) {
            return new Problem(detail, pointer);
        }
    }

    private final Kind kind;
    private final String title;
    private final List<Problem> problems;
    private final long retryAfterSeconds;

    private FlowgateException(Kind kind, String title, String detail, List<Problem> problems,
                              long retryAfterSeconds, Throwable cause) {
        super(detail, cause);
        this.kind = kind;
        this.title = title;
        this.problems = List.copyOf(problems);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static FlowgateException invalid(String detail) {
        return new FlowgateException(Kind.INVALID_INPUT, "Bad Request", detail, List.of(), 0, null);
    }

    public static FlowgateException unauthorized(String detail) {
        return new FlowgateException(Kind.UNAUTHORIZED, "Unauthorized", detail, List.of(), 0, null);
    }

    public static FlowgateException forbidden(String detail) {
        return new FlowgateException(Kind.FORBIDDEN, "Forbidden", detail, List.of(), 0, null);
    }

    public static FlowgateException notFound(String detail) {
        return new FlowgateException(Kind.NOT_FOUND, "Not Found", detail, List.of(), 0, null);
    }

    public static FlowgateException methodNotAllowed(String detail) {
        return new FlowgateException(Kind.METHOD_NOT_ALLOWED, "Method Not Allowed", detail, List.of(), 0, null);
    }

    public static FlowgateException conflict(String detail) {
        return new FlowgateException(Kind.CONFLICT, "Conflict", detail, List.of(), 0, null);
    }

    public static FlowgateException tooLarge(String detail) {
        return new FlowgateException(Kind.TOO_LARGE, "Payload Too Large", detail, List.of(), 0, null);
    }

    public static FlowgateException unprocessable(String detail, List<Problem> problems) {
        return new FlowgateException(Kind.UNPROCESSABLE, "Unprocessable Entity", detail, problems, 0, null);
    }

    public static FlowgateException rateLimited(String detail, long retryAfterSeconds) {
        return new FlowgateException(Kind.RATE_LIMITED, "Too Many Requests", detail, List.of(), retryAfterSeconds, null);
    }

    public static FlowgateException unavailable(String detail, Throwable cause) {
        return new FlowgateException(Kind.UNAVAILABLE, "Service Unavailable", detail, List.of(), 5, cause);
    }

    public static FlowgateException timeout(String detail) {
        return new FlowgateException(Kind.TIMEOUT, "Gateway Timeout", detail, List.of(), 0, null);
    }

    public static FlowgateException internal(String detail, Throwable cause) {
        return new FlowgateException(Kind.INTERNAL, "Internal Server Error", detail, List.of(), 0, cause);
    }

    public Kind kind() {
        return kind;
    }

    public String title() {
        return title;
    }

    public List<Problem> problems() {
        return problems;
    }

    /** The detail followed by each problem ("/pointer: detail"), on one line: for step errors and dead-letter reasons. */
    public String detailWithProblems() {
        StringBuilder text = new StringBuilder(String.valueOf(getMessage()));
        String separator = ": ";
        for (Problem problem : problems) {
            text.append(separator);
            if (problem.pointer() != null) {
                text.append(problem.pointer().isEmpty() ? "(the whole value)" : problem.pointer()).append(' ');
            }
            text.append(problem.detail());
            separator = "; ";
        }
        return text.toString();
    }

    /** Seconds a client should wait before trying again; 0 when not applicable. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
