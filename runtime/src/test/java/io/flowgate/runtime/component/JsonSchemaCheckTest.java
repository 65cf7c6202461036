package io.flowgate.runtime.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.FlowgateException.Problem;
import io.flowgate.core.Json;
import org.junit.jupiter.api.Test;

class JsonSchemaCheckTest {

    private static final JsonSchemaCheck ORDER = JsonSchemaCheck.compile(Json.parse("""
            {"type":"object","required":["id","lines"],"additionalProperties":false,
             "properties":{
               "id":{"type":"string"},
               "lines":{"type":"array","items":{"type":"object","required":["sku"],
                        "properties":{"sku":{"type":"string"},"qty":{"type":"integer","minimum":1}}}},
               "a/b~c":{"type":"boolean"}}}
            """), "/data/attributes/schema");

    @Test
    void aValidValueHasNoProblems() {
        assertThat(ORDER.check(Json.parse("{\"id\":\"o-1\",\"lines\":[{\"sku\":\"a\",\"qty\":2}]}"), "")).isEmpty();
    }

    @Test
    void problemsPointIntoTheValue() {
        assertThat(ORDER.check(Json.parse("{\"id\":7,\"lines\":[{\"sku\":\"a\"},{\"qty\":0}],\"extra\":1}"), "/data"))
                .extracting(Problem::pointer)
                .containsExactlyInAnyOrder("/data/id", "/data/lines/1/sku", "/data/lines/1/qty", "/data/extra");
    }

    @Test
    void aMissingPropertyIsPointedAtByItsName() {
        assertThat(ORDER.check(Json.parse("{\"lines\":[]}"), "")).extracting(Problem::pointer).containsExactly("/id");
    }

    @Test
    void pointerSegmentsAreEscaped() {
        assertThat(ORDER.check(Json.parse("{\"id\":\"o\",\"lines\":[],\"a/b~c\":\"yes\"}"), ""))
                .extracting(Problem::pointer).containsExactly("/a~1b~0c");
    }

    @Test
    void messagesDoNotRepeatThePath() {
        assertThat(ORDER.check(Json.parse("{\"id\":7,\"lines\":[]}"), "")).allSatisfy(p ->
                assertThat(p.detail()).isNotBlank().doesNotStartWith("$"));
    }

    @Test
    void anInvalidSchemaIsUnprocessableAtItsPointer() {
        assertThatThrownBy(() -> JsonSchemaCheck.compile(Json.parse("{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"#/nowhere\"}}}"), "/data/attributes/schema")
                .check(Json.parse("{\"a\":1}"), ""))
                .isInstanceOfSatisfying(FlowgateException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FlowgateException.Kind.UNPROCESSABLE);
                    assertThat(e.problems()).extracting(Problem::pointer).containsExactly("/data/attributes/schema");
                });
    }

    @Test
    void aDeclaredSchemaIsCheckedAgainstTheMetaSchemaWithPointersIntoIt() {
        assertThatThrownBy(() -> JsonSchemaCheck.compileDeclared(Json.parse(
                "{\"type\":\"object\",\"properties\":{\"a\":{\"minimum\":\"x\"}},\"required\":\"a\"}"), "/data/attributes/schema"))
                .isInstanceOfSatisfying(FlowgateException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FlowgateException.Kind.UNPROCESSABLE);
                    assertThat(e.problems()).extracting(Problem::pointer).containsExactlyInAnyOrder(
                            "/data/attributes/schema/properties/a/minimum", "/data/attributes/schema/required");
                });
    }

    @Test
    void aDeclaredSchemaMustBeAnObject() {
        for (String schema : new String[] {"true", "[]", "\"string\""}) {
            assertThatThrownBy(() -> JsonSchemaCheck.compileDeclared(Json.parse(schema), "/schema"))
                    .isInstanceOfSatisfying(FlowgateException.class, e ->
                            assertThat(e.problems()).extracting(Problem::pointer).containsExactly("/schema"));
        }
    }

    @Test
    void aDeclaredSchemaThatRefersToAnotherDocumentIsRefusedWithoutFetchingIt() {
        assertThatThrownBy(() -> JsonSchemaCheck.compileDeclared(Json.parse("{\"$ref\":\"http://127.0.0.1:9/schema.json\"}"), "/schema"))
                .isInstanceOfSatisfying(FlowgateException.class, e -> assertThat(e.kind()).isEqualTo(FlowgateException.Kind.UNPROCESSABLE));
    }

    @Test
    void aValidDeclaredSchemaChecksValues() {
        JsonSchemaCheck check = JsonSchemaCheck.compileDeclared(Json.parse("{\"type\":\"object\",\"required\":[\"id\"]}"), "/schema");

        assertThat(check.check(Json.object(), "")).extracting(Problem::pointer).containsExactly("/id");
    }

    @Test
    void aDeclaredSchemaNestedTooDeeplyIsRefusedBeforeItIsChecked() {
        String deep = "{\"properties\":{\"a\":".repeat(60) + "{}" + "}}".repeat(60);

        assertThatThrownBy(() -> JsonSchemaCheck.compileDeclared(Json.parse(deep), "/schema"))
                .isInstanceOfSatisfying(FlowgateException.class, e -> {
                    assertThat(e.problems()).extracting(Problem::pointer).containsExactly("/schema");
                    assertThat(e.problems().getFirst().detail()).contains("nested");
                });
        String fine = "{\"properties\":{\"a\":".repeat(40) + "{}" + "}}".repeat(40);
        assertThat(JsonSchemaCheck.compileDeclared(Json.parse(fine), "/schema")).isNotNull();
    }
}
