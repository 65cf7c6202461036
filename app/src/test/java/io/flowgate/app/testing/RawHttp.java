package io.flowgate.app.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** HTTP/1.1 over a plain socket, to send what no well-behaved client would. */
public final class RawHttp implements AutoCloseable {

    /** The status code of the answer, or -1 when the server closed the connection without one. */
    public static int exchange(int port, byte[] request, Duration wait) {
        try (RawHttp connection = open(port, wait)) {
            connection.send(request);
            return connection.status();
        }
    }

    private final Socket socket;

    private RawHttp(Socket socket) {
        this.socket = socket;
    }

    public static RawHttp open(int port, Duration wait) {
        try {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout((int) wait.toMillis());
            return new RawHttp(socket);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public RawHttp send(byte[] bytes) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            // the server may close while we send: that is an answer too
        }
        return this;
    }

    public RawHttp send(String text) {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Reads the status line; -1 if the connection closed first, -2 if nothing came within the wait. */
    public int status() {
        try {
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                line.append((char) c);
            }
            if (line.length() < 12) {
                return -1;
            }
            return Integer.parseInt(line.substring(9, 12));
        } catch (SocketTimeoutException e) {
            return -2;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** True once the server has closed the connection (reads to the end of what it sent). */
    public boolean closedByServer() {
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            while (true) {
                if (in.read(buffer) == -1) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket
        }
    }
}
