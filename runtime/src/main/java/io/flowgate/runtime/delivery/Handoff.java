package io.flowgate.runtime.delivery;

import java.time.Instant;
import java.util.List;

/**
 * The way from the planner straight to this node's sender: the deliveries the planner makes are stored
 * already claimed by this node and passed on in memory, so that sending them needs no claim (a query and
 * a write per delivery) and waits for no polling round. What the sender has no room for is stored
 * unclaimed, and sent after a claim like any other due delivery.
 */
public interface Handoff {

    /** Hands nothing over: every delivery is stored unclaimed. */
    Handoff NONE = new Handoff() {
        @Override
        public String nodeId() {
            return null;
        }

        @Override
        public Instant claimUntil(Instant now) {
            return now;
        }

        @Override
        public int room() {
            return 0;
        }

        @Override
        public void accept(List<ClaimedDelivery> deliveries) {
        }

        @Override
        public void deliveriesDue() {
        }
    };

    /** The node the handed-over deliveries are claimed for. */
    String nodeId();

    /** Until when a handed-over delivery is claimed. */
    Instant claimUntil(Instant now);

    /** How many deliveries the sender takes now. */
    int room();

    /** Takes deliveries stored claimed for {@link #nodeId()}, after their transaction committed. */
    void accept(List<ClaimedDelivery> deliveries);

    /** Deliveries were stored unclaimed, due now. */
    void deliveriesDue();
}
