package io.flowgate.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;
import sun.misc.SignalHandler;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** {@code flowgate serve}: runs a node until SIGTERM or Ctrl-C. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "serve" : args[0];
        if (!command.equals("serve")) {
            System.err.println("usage: flowgate serve   (configuration: FLOWGATE_* environment variables, see docs/configuration.md)");
            System.exit(2);
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        long started = System.nanoTime();
        FlowgateConfig config;
        try {
            config = FlowgateConfig.fromEnvironment(System.getenv());
        } catch (ConfigException e) {
            System.err.println("flowgate: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        Node node;
        try {
            node = Node.start(config);
        } catch (ConfigException e) {
            System.err.println("flowgate: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        } catch (RuntimeException | LinkageError e) {
            System.err.println("flowgate: cannot start: " + e.getMessage());
            org.slf4j.LoggerFactory.getLogger(Main.class).debug("Start failure", e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        stopOnSignals(node, stopped);
        node.newAdminKey().ifPresent(key -> System.out.println("""

                  Bootstrap admin API key (shown once, also kept in %s/admin-api-key):
                      %s
                """.formatted(config.dataDir(), key)));
        System.out.printf("Flowgate ready on http://%s:%d (started in %d ms)%n",
                config.http().host(), node.port(), (System.nanoTime() - started) / 1_000_000);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(0);
    }

    /**
     * SIGTERM and Ctrl-C drain the node before the JVM starts its shutdown hooks: the embedded broker
     * registers a hook of its own that would otherwise close it while work is still draining.
     */
    private static void stopOnSignals(Node node, CountDownLatch stopped) {
        AtomicBoolean stopping = new AtomicBoolean();
        SignalHandler handler = signal -> {
            if (stopping.compareAndSet(false, true)) {
                Thread.ofPlatform().name("flowgate-shutdown").start(() -> {
                    node.close();
                    stopped.countDown();
                });
            }
        };
        Signal.handle(new Signal("TERM"), handler);
        Signal.handle(new Signal("INT"), handler);
    }
}
