package io.flowgate.runtime.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowgate.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The flow fixtures under {@code src/test/resources/flows}: {@code valid/*.json} (a {@code graph}, and
 * an {@code example} run where the flow can run without outside services) and {@code invalid/*.json}
 * (a {@code graph} and the JSON pointers of its {@code expectedProblems}, relative to the graph).
 */
public final class FlowFixtures {

    /** One fixture file: its name (without .json) and its content. */
    public record Fixture(String name, JsonNode json) {

        public JsonNode graph() {
            return json.get("graph");
        }

        public String description() {
            return json.path("description").asText();
        }

        public List<String> expectedProblems() {
            List<String> pointers = new ArrayList<>();
            json.path("expectedProblems").forEach(p -> pointers.add(p.asText()));
            return pointers;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private FlowFixtures() {
    }

    public static List<Fixture> valid() {
        return load("valid");
    }

    public static List<Fixture> invalid() {
        return load("invalid");
    }

    private static List<Fixture> load(String kind) {
        URL folder = FlowFixtures.class.getResource("/flows/" + kind);
        if (folder == null) {
            throw new IllegalStateException("no flows/" + kind + " on the test class path");
        }
        try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted()
                    .map(FlowFixtures::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Fixture read(Path file) {
        try {
            String name = file.getFileName().toString().replaceFirst("\\.json$", "");
            return new Fixture(name, Json.parse(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
