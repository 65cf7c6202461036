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

    /** Where to listen and the limits that keep slow or hostile clients from hurting the others. */
    public record Settings(String host, int port, long maxBodyBytes, int maxHeaderBytes, Duration readTimeout,
                           Duration idleTimeout, Duration shutdownGrace) {
    }

    private final WebServer server;

    private HttpServer(WebServer server) {
        this.server = server;
    }

    /** A service mounted at a path prefix. */
    public record Mount(String path, HttpService service) {
    }

    /** Starts listening with the services mounted at their paths. */
    public static HttpServer start(Settings settings, List<Mount> mounts) {
        HttpRouting.Builder routing = HttpRouting.builder();
        mounts.forEach(mount -> routing.register(mount.path(), mount.service()));
        routing.error(FlowgateException.class, (req, res, e) -> HttpErrors.send(res, e));
        routing.error(Exception.class, (req, res, e) -> HttpErrors.sendUnexpected(res, e));
        routing.any((req, res) -> HttpErrors.send(res, FlowgateException.notFound("No resource at " + req.path().path())));
        WebServer server = WebServer.builder()
                .host(settings.host())
                .port(settings.port())
                .maxPayloadSize(settings.maxBodyBytes() + 64 * 1024)
                .idleConnectionTimeout(settings.idleTimeout())
                .shutdownGracePeriod(settings.shutdownGrace())
                .connectionOptions(SocketOptions.builder().readTimeout(settings.readTimeout()).build())
                .addProtocol(Http1Config.builder().maxHeadersSize(settings.maxHeaderBytes()).maxPrologueLength(8 * 1024).build())
                .routing(routing)
                .build()
                .start();
        return new HttpServer(server);
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }
}
