package io.flowgate.bench.loadgen;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * HTTP/1.1 over plain blocking sockets, one keep-alive connection per worker, the request bytes built
 * once. Costs the load generator far less CPU per request than the JDK HttpClient (see BENCHMARKS.md).
 */
final class RawHttpTransport implements Transport {

    private final HttpSpec spec;
    private final byte[] request;

    RawHttpTransport(HttpSpec spec) {
        this.spec = spec;
        this.request = spec.wireBytes();
    }

    @Override
    public String name() {
        return "raw";
    }

    @Override
    public Connection open() throws IOException {
        return new RawConnection();
    }

    private final class RawConnection implements Connection {
        private Socket socket;
        private OutputStream out;
        private Wire wire;

        private void connect() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            socket.connect(new InetSocketAddress(spec.uri().getHost(), spec.port()), 5_000);
            out = socket.getOutputStream();
            wire = new Wire(socket.getInputStream());
        }

        @Override
        public Response exchange() throws IOException {
            if (socket == null) {
                connect();
            }
            try {
                out.write(request);
                out.flush();
                Wire.Head head = wire.readHead();
                wire.skipBody(head);
                if (head.close()) {
                    close();
                }
                return new Response(head.status(), head.executionId());
            } catch (IOException e) {
                close();
                throw e;
            }
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                socket = null;
            }
        }
    }
}
