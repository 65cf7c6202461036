package io.flowgate.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowgate.core.Json;
import java.io.IOException;
import java.io.OutputStream;

/** Whether a message body stays within the platform's message size limit, measured as the JSON it becomes. */
final class MessageSize {

    static final long LIMIT_BYTES = 10L * 1024 * 1024;

    private MessageSize() {
    }

    static boolean exceedsLimit(JsonNode body) {
        try {
            Json.MAPPER.writeValue(new LimitedCounter(), body);
            return false;
        } catch (LimitReached e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Counts bytes written and stops the writer as soon as the limit is passed. */
    private static final class LimitedCounter extends OutputStream {
        private long count;

        @Override
        public void write(int b) throws IOException {
            add(1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            add(length);
        }

        private void add(long bytes) throws LimitReached {
            count += bytes;
            if (count > LIMIT_BYTES) {
                throw new LimitReached();
            }
        }
    }

    private static final class LimitReached extends IOException {
        LimitReached() {
            super("message size limit reached");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
