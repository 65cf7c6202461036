package io.flowgate.bench.loadgen;

import java.io.IOException;

/** How requests are sent: raw sockets ({@link RawHttpTransport}) or the JDK HttpClient ({@link JdkHttpTransport}). */
public interface Transport extends AutoCloseable {

    /**
     * What the load run keeps of an answer: its status and the id it names, {@code x-execution-id} (a webhook)
     * or {@code x-message-id} (a topic publish), kept as {@code executionId}.
     */
    record Response(int status, String executionId) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** One connection (or connection-like handle) per load worker, sending the run's request. */
    interface Connection extends AutoCloseable {
        Response exchange() throws IOException;

        @Override
        void close();
    }

    Connection open() throws IOException;

    String name();

    static Transport of(String name, HttpSpec spec) {
        return switch (name) {
            case "raw" -> new RawHttpTransport(spec);
            case "jdk" -> new JdkHttpTransport(spec);
            default -> throw new IllegalArgumentException("--client must be raw or jdk, got " + name);
        };
    }

    @Override
    default void close() {
    }
}
