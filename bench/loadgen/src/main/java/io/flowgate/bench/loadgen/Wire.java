package io.flowgate.bench.loadgen;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** A small buffered reader of HTTP/1.1 responses (status line, headers, fixed or chunked bodies). */
final class Wire {

    /** The parts of a response head the benchmark needs. */
    record Head(int status, long contentLength, boolean chunked, boolean close, String executionId) {
    }

    private final InputStream in;
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private int lim;

    Wire(InputStream in) {
        this.in = in;
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        lim = n;
        return true;
    }

    /** A line without its CRLF, or null at end of stream. */
    String readLine() throws IOException {
        StringBuilder line = null;
        while (true) {
            if (pos >= lim && !fill()) {
                return line == null ? null : line.toString();
            }
            int start = pos;
            while (pos < lim && buf[pos] != '\n') {
                pos++;
            }
            int end = pos;
            boolean found = pos < lim;
            if (found) {
                pos++;
            }
            String part = new String(buf, start, end - start, StandardCharsets.ISO_8859_1);
            if (line == null && found) {
                return part.endsWith("\r") ? part.substring(0, part.length() - 1) : part;
            }
            if (line == null) {
                line = new StringBuilder();
            }
            line.append(part);
            if (found) {
                int len = line.length();
                if (len > 0 && line.charAt(len - 1) == '\r') {
                    line.setLength(len - 1);
                }
                return line.toString();
            }
        }
    }

    Head readHead() throws IOException {
        String statusLine = readLine();
        if (statusLine == null) {
            throw new EOFException("connection closed before the response");
        }
        if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = statusLine.startsWith("HTTP/1.0");
        String executionId = null;
        String line;
        while ((line = readLine()) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("transfer-encoding")) {
                chunked = value.toLowerCase().contains("chunked");
            } else if (name.equalsIgnoreCase("connection")) {
                close = value.equalsIgnoreCase("close");
            } else if (name.equalsIgnoreCase("x-execution-id") || name.equalsIgnoreCase("x-message-id")) {
                executionId = value;
            }
        }
        return new Head(status, length, chunked, close, executionId);
    }

    /** Reads and drops the body that the head announces. */
    void skipBody(Head head) throws IOException {
        if (head.chunked()) {
            while (true) {
                long size = chunkSize();
                if (size == 0) {
                    String trailer;
                    while ((trailer = readLine()) != null && !trailer.isEmpty()) {
                        // trailers are dropped
                    }
                    return;
                }
                skip(size);
                readLine();
            }
        } else if (head.contentLength() > 0) {
            skip(head.contentLength());
        } else if (head.contentLength() < 0 && head.close() && head.status() != 204 && head.status() != 304) {
            while (pos < lim || fill()) {
                pos = lim;
            }
        }
    }

    long chunkSize() throws IOException {
        String line = readLine();
        if (line == null) {
            throw new EOFException("connection closed inside a chunked body");
        }
        int semi = line.indexOf(';');
        return Long.parseLong((semi >= 0 ? line.substring(0, semi) : line).trim(), 16);
    }

    private void skip(long n) throws IOException {
        long left = n;
        while (left > 0) {
            if (pos >= lim && !fill()) {
                throw new EOFException("connection closed inside a body");
            }
            int take = (int) Math.min(left, lim - pos);
            pos += take;
            left -= take;
        }
    }

    /** Reads up to {@code max} bytes of the current chunk into {@code out}; the caller tracks what is left. */
    int read(byte[] out, int off, int max) throws IOException {
        if (pos >= lim && !fill()) {
            return -1;
        }
        int take = Math.min(max, lim - pos);
        System.arraycopy(buf, pos, out, off, take);
        pos += take;
        return take;
    }
}
