package io.flowgate.delivery;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.port.TargetGuard;
import io.flowgate.core.port.WebhookSender;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends outbound webhooks with {@code java.net.http} on virtual threads. The whole exchange (connect,
 * answer, the first bytes of the body) must fit in the timeout ({@link #TIMEOUT}); only the first
 * {@link ResponseSnippet#LIMIT} bytes of an answer are read. Redirects are not followed (a redirect is not
 * a success, and could point inside the network). The target is checked by the guard before every send,
 * as a name may resolve elsewhere than when the subscription was made.
 */
public final class HttpWebhookSender implements WebhookSender, AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final String USER_AGENT = "Flowgate-Webhooks/1.0";

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client;
    private final TargetGuard guard;
    private final Duration timeout;

    public HttpWebhookSender(TargetGuard guard) {
        this(guard, TIMEOUT);
    }

    public HttpWebhookSender(TargetGuard guard, Duration timeout) {
        this.guard = guard;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .executor(threads)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public Outcome send(Request request) {
        long started = System.nanoTime();
        try {
            guard.check(request.url());
        } catch (FlowgateException e) {
            return failure(started, refusal(e));
        }
        CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(httpRequest(request), info -> new ResponseSnippet());
        try {
            HttpResponse<String> response = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Outcome(response.statusCode(), millisSince(started), response.body(), null);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return failure(started, noAnswer());
        } catch (ExecutionException e) {
            return failure(started, describe(e.getCause()));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return failure(started, "Interrupted (the node is stopping)");
        }
    }

    private HttpRequest httpRequest(Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.url())
                .timeout(timeout)
                .header("user-agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        return builder.build();
    }

    private static Outcome failure(long started, String error) {
        return new Outcome(null, millisSince(started), null, error);
    }

    private static String refusal(FlowgateException e) {
        return e.problems().isEmpty() ? e.getMessage() : e.problems().getFirst().detail();
    }

    private String noAnswer() {
        return "No answer within " + timeout.toMillis() + " ms";
    }

    private String describe(Throwable cause) {
        if (cause instanceof HttpTimeoutException) {
            return noAnswer();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    private static long millisSince(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    @Override
    public void close() {
        client.close();
        threads.close();
    }
}
