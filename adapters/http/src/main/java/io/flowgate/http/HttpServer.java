package io.flowgate.http;

import io.flowgate.core.FlowgateException;
import io.helidon.common.socket.SocketOptions;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http1.Http1Config;
import java.time.Duration;
import java.util.List;

/** The one HTTP listener: webhooks, the API, event streams, health, metrics and documents. */
public final class HttpServer implements AutoCloseable {

    /**
     * Where to listen and the limits that keep slow or hostile clients from hurting the others. A
     * connection that starts no request, or sends no more of it, for {@code idleTimeout} is closed.
     */
    public record Settings(String host, int port, long maxBodyBytes, int maxHeaderBytes, Duration readTimeout,
                           Duration idleTimeout, Duration shutdownGrace) {
    }

    private final WebServer server;
    private final SlowClientGuard guard;

    private HttpServer(WebServer server, SlowClientGuard guard) {
        this.server = server;
        this.guard = guard;
    }

    /** A service mounted at a path prefix. */
    public record Mount(String path, HttpService service) {
    }

    /**
     * Starts listening with the services mounted at their paths. While {@code intake} is closed, every
     * request but the health checks is answered 503; the requests in flight are counted in it.
     */
    public static HttpServer start(Settings settings, List<Mount> mounts, Intake intake) {
        SlowClientGuard guard = new SlowClientGuard(settings.readTimeout());
        HttpRouting.Builder routing = HttpRouting.builder();
        routing.addFilter((chain, req, res) -> {
            req.context().register(guard);
            if (!intake.isOpen() && !req.path().path().startsWith("/health/")) {
                throw FlowgateException.unavailable("This node is shutting down: try another node, or again shortly", null);
            }
            intake.enter();
            try {
                chain.proceed();
            } finally {
                intake.leave();
            }
        });
        mounts.forEach(mount -> routing.register(mount.path(), mount.service()));
        routing.error(FlowgateException.class, (req, res, e) -> {
            if (req.content().hasEntity() && !req.content().consumed()) {
                res.header("Connection", "close");
            }
            HttpErrors.send(res, e);
        });
        routing.error(Exception.class, (req, res, e) -> HttpErrors.sendUnexpected(res, e));
        routing.any((req, res) -> HttpErrors.send(res, FlowgateException.notFound("No resource at " + req.path().path())));
        WebServer server = WebServer.builder()
                .host(settings.host())
                .port(settings.port())
                .maxPayloadSize(settings.maxBodyBytes() + 64 * 1024)
                .idleConnectionTimeout(settings.idleTimeout())
                .idleConnectionPeriod(checkEvery(settings.idleTimeout()))
                .shutdownGracePeriod(settings.shutdownGrace())
                .connectionOptions(SocketOptions.builder().readTimeout(settings.readTimeout()).build())
                .addProtocol(Http1Config.builder().maxHeadersSize(settings.maxHeaderBytes()).maxPrologueLength(8 * 1024)
                        // JSON:API clients send page[size] with bare brackets, which RFC 3986 reserves: accept them
                        // in the query (the path is still validated)
                        .validatePrologue(false)
                        .addReceiveListener(guard).build())
                .routing(routing)
                .build()
                .start();
        return new HttpServer(server, guard);
    }

    private static Duration checkEvery(Duration idleTimeout) {
        Duration half = idleTimeout.dividedBy(2);
        return half.compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : half;
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
        guard.close();
    }
}
