package io.flowgate.services.recipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.Json;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {

    private static final JsonNode GRAPH = Json.parse("""
            {"nodes":[{"id":"a","fields":{"limit":"{{limit}}","url":"https://{{host}}/x?n={{ limit }}","tags":["{{tags}}"]}}]}""");

    @Test
    void aWholePlaceholderBecomesTheValueAndAnInnerOneItsText() {
        ObjectNode values = Json.object().put("limit", 60).put("host", "crm.example");
        values.putArray("tags").add("a");

        JsonNode filled = Placeholders.fill(GRAPH, values);

        assertThat(filled.at("/nodes/0/fields/limit").isInt()).isTrue();
        assertThat(filled.at("/nodes/0/fields/url").asText()).isEqualTo("https://crm.example/x?n=60");
        assertThat(filled.at("/nodes/0/fields/tags/0/0").asText()).isEqualTo("a");
        assertThat(GRAPH.at("/nodes/0/fields/limit").asText()).as("the recipe is unchanged").isEqualTo("{{limit}}");
    }

    @Test
    void undeclaredPlaceholdersAreReportedWhereTheyAre() {
        assertThat(Placeholders.undeclared(GRAPH, Set.of("limit", "tags"), "/g"))
                .extracting(FlowgateException.Problem::pointer).containsExactly("/g/nodes/0/fields/url");
    }

    @Test
    void parametersGiveDefaultsAndTypes() {
        ObjectNode parameters = RecipeParameters.check(Json.parse("""
                {"limit":{"type":"integer","default":5},"host":{"description":"the CRM host"}}"""));

        ObjectNode values = RecipeParameters.values(parameters, Json.object().put("host", "h"));

        assertThat(values.path("limit").asInt()).isEqualTo(5);
        assertThatThrownBy(() -> RecipeParameters.values(parameters, Json.object()))
                .isInstanceOfSatisfying(FlowgateException.class, e -> assertThat(e.kind()).isEqualTo(FlowgateException.Kind.UNPROCESSABLE));
        assertThatThrownBy(() -> RecipeParameters.check(Json.parse("{\"n\":{\"type\":\"integer\",\"default\":\"x\"}}")))
                .isInstanceOfSatisfying(FlowgateException.class,
                        e -> assertThat(e.problems().getFirst().pointer()).isEqualTo("/data/attributes/parameters/n/default"));
    }
}
