package io.flowgate.app;

import io.flowgate.core.Json;
import io.flowgate.runtime.component.ComponentProvider;
import io.flowgate.testing.TempDirs;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a tiny component jar at test time: component {@code acme} with the action {@code shout}, which
 * answers {@code {"shout": upper-case(body.text) + fields.suffix}}, found through a ComponentProvider service.
 */
final class ComponentJar {

    static final String SOURCE = """
            package acme;

            import com.fasterxml.jackson.databind.node.ObjectNode;
            import io.flowgate.core.Json;
            import io.flowgate.runtime.component.ComponentFunction;
            import io.flowgate.runtime.component.ComponentProvider;
            import io.flowgate.runtime.component.PreparedStep;
            import io.flowgate.runtime.component.StepResult;
            import java.util.List;

            public final class Shout implements ComponentProvider, ComponentFunction {
                public List<ComponentFunction> functions() { return List.of(this); }
                public String componentId() { return "acme"; }
                public String function() { return "shout"; }
                public Kind kind() { return Kind.ACTION; }
                public String description() { return "Upper-cases the text and adds the suffix."; }
                public ObjectNode fieldsSchema() {
                    return (ObjectNode) Json.parse("{\\"type\\":\\"object\\",\\"properties\\":{\\"suffix\\":{\\"type\\":\\"string\\"}}}");
                }
                public PreparedStep prepare(ObjectNode fields) {
                    String suffix = fields.path("suffix").asText("!");
                    return context -> StepResult.emit(StepResult.Output.of(Json.object().put("shout",
                            context.body().path("text").asText().toUpperCase() + suffix), context.attributes()));
                }
            }
            """;

    private ComponentJar() {
    }

    /** Compiles the component and writes {@code name} into {@code directory}; returns the jar. */
    static Path build(Path directory, String name) {
        Path work = TempDirs.create("component-src");
        try {
            Path source = work.resolve("acme/Shout.java");
            Files.createDirectories(source.getParent());
            Files.writeString(source, SOURCE);
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            int status = compiler.run(null, null, null, "--release", "21", "-classpath", classpath(), "-d",
                    work.resolve("classes").toString(), source.toString());
            if (status != 0) {
                throw new IllegalStateException("the component did not compile");
            }
            Path jar = directory.resolve(name);
            Files.createDirectories(directory);
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
                add(out, "acme/Shout.class", Files.readAllBytes(work.resolve("classes/acme/Shout.class")));
                add(out, "META-INF/services/" + ComponentProvider.class.getName(), "acme.Shout\n".getBytes(StandardCharsets.UTF_8));
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            TempDirs.delete(work);
        }
    }

    /** Where the platform's classes and Jackson are (the test JVM's class path may be a manifest-only jar). */
    private static String classpath() {
        return Stream.of(ComponentProvider.class, Json.class, com.fasterxml.jackson.databind.JsonNode.class,
                        com.fasterxml.jackson.core.TreeNode.class, com.fasterxml.jackson.annotation.JsonProperty.class)
                .map(ComponentJar::location).distinct().collect(Collectors.joining(java.io.File.pathSeparator));
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void add(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

}
