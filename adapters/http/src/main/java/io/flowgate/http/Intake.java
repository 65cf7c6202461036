package io.flowgate.http;

import io.flowgate.runtime.support.InFlight;
import java.time.Instant;

/**
 * Whether this node takes new requests, and how many it is still answering. A stopping node closes its
 * intake (readiness and every new request but the health checks answer 503, so callers go to another node),
 * then waits for the requests in flight to be answered.
 */
public final class Intake {

    private final InFlight requests = new InFlight();
    private volatile boolean open = true;

    public boolean isOpen() {
        return open;
    }

    /** From now on new requests get 503 and readiness says the node is not ready. */
    public void close() {
        open = false;
    }

    /** Waits until no request is in flight, or until {@code deadline}; false if some still were then. */
    public boolean awaitIdle(Instant deadline) {
        return requests.awaitIdle(deadline);
    }

    void enter() {
        requests.enter();
    }

    void leave() {
        requests.leave();
    }
}
