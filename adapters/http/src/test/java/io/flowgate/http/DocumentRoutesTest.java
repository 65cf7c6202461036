package io.flowgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowgate.core.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The documents as a client gets them from a running server: /asyncapi.yaml, /asyncapi.json, /openapi.json. */
class DocumentRoutesTest {

    private static HttpServer server;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        server = HttpServer.start(new HttpServer.Settings("127.0.0.1", 0, 1024 * 1024, 16 * 1024, Duration.ofSeconds(10),
                Duration.ofSeconds(30), Duration.ofMillis(200)), List.of(new HttpServer.Mount("/", new DocumentRoutes())), new Intake());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void servesTheAsyncApiDocumentAsYamlAndAsTheSameJson() throws Exception {
        HttpResponse<String> yaml = get("/asyncapi.yaml");
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).contains("yaml"));
        assertThat(yaml.body()).startsWith("asyncapi: 2.6.0");
        HttpResponse<String> json = get("/asyncapi.json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).contains("json"));
        assertThat(Json.parse(json.body().getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEqualTo(DocumentRoutes.asyncApi());
    }

    @Test
    void servesTheOpenApiDocumentAsJson() throws Exception {
        HttpResponse<String> json = get("/openapi.json");
        assertThat(json.statusCode()).isEqualTo(200);
        JsonNode document = Json.parse(json.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(document.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(document).isEqualTo(DocumentRoutes.openApi());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
