package io.flowgate.runtime.component;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.FlowgateException.Problem;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Component jars on the server's component path. Each jar is loaded once (again when the file changes)
 * in a class loader of its own; its {@link ComponentProvider} services provide component functions.
 * Jars add action functions only: flows start from the built-in triggers.
 */
public final class ComponentJars {

    private static final String POINTER = "/data/attributes/jar";

    private record Loaded(long modified, long size, List<ComponentFunction> functions) {
    }

    private final Path root;
    private final Map<Path, Loaded> loaded = new ConcurrentHashMap<>();

    public ComponentJars(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** The functions of {@code componentId} that {@code jar} provides; UNPROCESSABLE saying why when there are none. */
    public ComponentRegistry load(String jar, String componentId) {
        List<ComponentFunction> functions = functions(resolve(jar)).stream()
                .filter(function -> function.componentId().equals(componentId)).toList();
        if (functions.isEmpty()) {
            throw problem("the jar provides no functions of component '" + componentId + "'");
        }
        if (functions.stream().anyMatch(function -> function.kind() != ComponentFunction.Kind.ACTION)) {
            throw problem("component jars may add action functions only; '" + componentId + "' has a trigger");
        }
        try {
            return new ComponentRegistry(functions);
        } catch (IllegalArgumentException e) {
            throw problem(e.getMessage());
        }
    }

    /** The jar's file: a {@code .jar} inside the component path. */
    Path resolve(String jar) {
        if (jar == null || jar.isBlank() || !jar.endsWith(".jar")) {
            throw problem("jar must name a .jar file in the component path");
        }
        Path file = root.resolve(jar).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            throw problem("there is no jar '" + jar + "' in the component path");
        }
        return file;
    }

    private List<ComponentFunction> functions(Path file) {
        try {
            long modified = Files.getLastModifiedTime(file).toMillis();
            long size = Files.size(file);
            Loaded known = loaded.get(file);
            if (known != null && known.modified() == modified && known.size() == size) {
                return known.functions();
            }
            Loaded fresh = new Loaded(modified, size, loadFunctions(file));
            loaded.put(file, fresh);
            return fresh.functions();
        } catch (IOException e) {
            throw problem("the jar cannot be read: " + e.getMessage());
        }
    }

    private static List<ComponentFunction> loadFunctions(Path file) throws IOException {
        URLClassLoader loader = new URLClassLoader("component:" + file.getFileName(), new URL[] {url(file)},
                ComponentJars.class.getClassLoader());
        try {
            List<ComponentFunction> functions = ServiceLoader.load(ComponentProvider.class, loader).stream()
                    .filter(provider -> provider.type().getClassLoader() == loader)
                    .flatMap(provider -> provider.get().functions().stream())
                    .toList();
            if (functions.isEmpty()) {
                loader.close();
            }
            return functions;
        } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
            loader.close();
            throw problem("the jar's components cannot be loaded: " + e);
        }
    }

    private static URL url(Path file) {
        try {
            return file.toUri().toURL();
        } catch (MalformedURLException e) {
            throw problem("the jar's path is not usable: " + e.getMessage());
        }
    }

    private static FlowgateException problem(String detail) {
        return FlowgateException.unprocessable("Invalid component", List.of(Problem.at(POINTER, detail)));
    }
}
