package io.flowgate.app.testing;

import static org.awaitility.Awaitility.await;

import io.flowgate.testing.TempDirs;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged server run as its own process, as {@code ./flowgate serve} runs it, so a test can kill it. */
public final class ServerProcess implements AutoCloseable {

    private final Map<String, String> environment;
    private final Path log;
    private final int port;
    private Process process;

    public ServerProcess(Map<String, String> environment, Path log) {
        this.environment = environment;
        this.log = log;
        this.port = Integer.parseInt(environment.get("FLOWGATE_HTTP_PORT"));
    }

    /** The environment of a node on its embedded broker and database under {@code dir}, on free 127.0.0.1 ports. */
    public static Map<String, String> embeddedEnvironment(Path dir, String adminKey) {
        Map<String, String> env = new HashMap<>();
        env.put("FLOWGATE_DATA_DIR", dir.resolve("data").toString());
        env.put("FLOWGATE_HTTP_HOST", "127.0.0.1");
        env.put("FLOWGATE_HTTP_PORT", String.valueOf(TempDirs.freePort()));
        env.put("FLOWGATE_EMBEDDED_AMQP_PORT", String.valueOf(TempDirs.freePort()));
        env.put("FLOWGATE_ADMIN_TOKEN", adminKey);
        return env;
    }

    /** Starts the server and waits until it is ready. */
    public ServerProcess start() {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-jar", jar().getAbsolutePath(), "serve"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(this::ready);
        return this;
    }

    /** SIGKILL: the process gets no chance to clean up. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** SIGTERM: the graceful stop. */
    public void terminate() {
        process.destroy();
        waitForExit();
    }

    /** Waits for the process to end by itself (after a SIGTERM sent elsewhere) and returns its exit code. */
    public int exitCode() {
        waitForExit();
        return process.exitValue();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Appends a thread dump of the server to its log (jcmd of the JDK running the tests). */
    public void dumpThreads() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process dump = new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), "Thread.print")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            dump.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public int port() {
        return port;
    }

    public ApiClient api(String apiKey) {
        return new ApiClient("http://127.0.0.1:" + port, apiKey);
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException("The server exited with " + process.exitValue() + "; see " + log);
        }
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void waitForExit() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static File jar() {
        File jar = new File("target/flowgate.jar");
        if (!jar.exists()) {
            throw new IllegalStateException("Package the server first: " + jar.getAbsolutePath() + " is missing");
        }
        return jar;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
