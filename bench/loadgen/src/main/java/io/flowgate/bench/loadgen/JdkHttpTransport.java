package io.flowgate.bench.loadgen;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The JDK's java.net.http.HttpClient on HTTP/1.1; it opens as many connections as requests are in flight. */
final class JdkHttpTransport implements Transport {

    private final HttpClient client;
    private final HttpRequest request;

    JdkHttpTransport(HttpSpec spec) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest.Builder builder = HttpRequest.newBuilder(spec.uri()).timeout(Duration.ofSeconds(60))
                .method(spec.method(), spec.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(spec.body()));
        spec.headers().forEach(builder::header);
        this.request = builder.build();
    }

    @Override
    public String name() {
        return "jdk";
    }

    @Override
    public Connection open() {
        return new Connection() {
            @Override
            public Response exchange() throws IOException {
                try {
                    HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    return new Response(response.statusCode(), response.headers().firstValue("x-execution-id")
                            .or(() -> response.headers().firstValue("x-message-id")).orElse(null));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void close() {
        client.close();
    }
}
