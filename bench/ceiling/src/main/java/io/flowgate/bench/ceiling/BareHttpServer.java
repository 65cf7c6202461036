package io.flowgate.bench.ceiling;

import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.http1.Http1Config;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The HTTP ceiling: Helidon SE (the server Flowgate runs on, same version, virtual threads) answering any
 * {@code /hook/{id}} request like Flowgate's async webhook does, a 202 with the same small JSON body and
 * id headers, after reading the whole body, but with no broker, no store and no parsing.
 *
 * <p>Usage: {@code java -cp ceiling.jar io.flowgate.bench.ceiling.BareHttpServer PORT}; stops on SIGTERM.
 */
public final class BareHttpServer {

    private BareHttpServer() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .addProtocol(Http1Config.builder().maxHeadersSize(16 * 1024).maxPrologueLength(8 * 1024).build())
                .routing(routing -> routing.any("/hook/{flowId}", BareHttpServer::accept))
                .build()
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        System.out.println("bare HTTP ceiling ready on http://127.0.0.1:" + server.port());
    }

    private static void accept(ServerRequest req, ServerResponse res) {
        if (req.content().hasEntity()) {
            req.content().as(byte[].class);
        }
        String requestId = UUID.randomUUID().toString();
        String executionId = UUID.randomUUID().toString();
        res.status(Status.ACCEPTED_202);
        res.header("Content-Type", "application/json");
        res.header("x-request-id", requestId);
        res.header("x-execution-id", executionId);
        res.send(("{\"requestId\":\"" + requestId + "\",\"executionId\":\"" + executionId + "\",\"message\":\"thank you\"}")
                .getBytes(StandardCharsets.UTF_8));
    }
}
