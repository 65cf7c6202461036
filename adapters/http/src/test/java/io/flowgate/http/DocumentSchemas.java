package io.flowgate.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.flowgate.core.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON Schemas of a served document ({@code components.schemas}), compiled by name, so tests can check
 * that what the server sends matches what the document promises. References between schemas
 * ({@code #/components/schemas/...}) resolve inside the document.
 */
public final class DocumentSchemas {

    private final JsonNode components;
    private final SchemaRegistry registry;
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    private DocumentSchemas(JsonNode document, SpecificationVersion dialect) {
        this.components = document.path("components");
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        this.registry = SchemaRegistry.withDefaultDialect(dialect, builder -> builder.schemaRegistryConfig(config));
    }

    /** The AsyncAPI 2.6.0 document's schemas: a superset of JSON Schema draft 07. */
    public static DocumentSchemas asyncApi() {
        return new DocumentSchemas(DocumentRoutes.asyncApi(), SpecificationVersion.DRAFT_7);
    }

    /** The OpenAPI 3.1 document's schemas: JSON Schema 2020-12. */
    public static DocumentSchemas openApi() {
        return new DocumentSchemas(DocumentRoutes.openApi(), SpecificationVersion.DRAFT_2020_12);
    }

    public boolean has(String name) {
        return components.path("schemas").has(name);
    }

    /** The violations of {@code value} against {@code components.schemas.<name>}, as readable lines. */
    public List<String> violations(String name, JsonNode value) {
        if (!has(name)) {
            throw new IllegalArgumentException("The document has no schema " + name);
        }
        return compiled.computeIfAbsent(name, this::compile).validate(value).stream().map(Error::toString).toList();
    }

    private Schema compile(String name) {
        ObjectNode root = Json.object();
        root.put("$ref", "#/components/schemas/" + name);
        root.set("components", components);
        Schema schema = registry.getSchema(root);
        schema.initializeValidators();
        return schema;
    }
}
