package io.flowgate.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.flowgate.core.Json;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The documents that describe the server: AsyncAPI (YAML and JSON) and OpenAPI (JSON). */
public final class DocumentRoutes implements HttpService {

    private final byte[] asyncApiYaml;
    private final byte[] asyncApiJson;
    private final byte[] openApiJson;

    public DocumentRoutes() {
        this.asyncApiYaml = resource("asyncapi.yaml");
        this.asyncApiJson = Json.bytes(yaml(asyncApiYaml));
        this.openApiJson = Json.bytes(yaml(resource("openapi.yaml")));
    }

    /** The AsyncAPI document as a tree, e.g. to validate events against its schemas. */
    public static JsonNode asyncApi() {
        return yaml(resource("asyncapi.yaml"));
    }

    /** The OpenAPI document as a tree, e.g. to check answers against its schemas. */
    public static JsonNode openApi() {
        return yaml(resource("openapi.yaml"));
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/asyncapi.yaml", (req, res) -> {
                    res.header("Content-Type", "application/yaml");
                    res.send(asyncApiYaml);
                })
                .get("/asyncapi.json", (req, res) -> {
                    res.header("Content-Type", Responses.JSON);
                    res.send(asyncApiJson);
                })
                .get("/openapi.json", (req, res) -> {
                    res.header("Content-Type", Responses.JSON);
                    res.send(openApiJson);
                });
    }

    private static byte[] resource(String name) {
        try (InputStream in = DocumentRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing document " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode yaml(byte[] text) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("A served document is not valid YAML", e);
        }
    }
}
