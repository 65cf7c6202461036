package io.flowgate.runtime.events;

import io.flowgate.core.port.Store;

/**
 * Gives committed events their cursor, in commit order (the store serialises sequencers with a lock, so
 * several nodes may run one). Events become visible to readers only once sequenced.
 */
public final class EventSequencer {

    public static final int BATCH = 2_000;

    private final Store store;
    private final Runnable onSequenced;

    public EventSequencer(Store store, Runnable onSequenced) {
        this.store = store;
        this.onSequenced = onSequenced;
    }

    /** Sequences what is waiting; returns how many events got a cursor. */
    public int sequence() {
        int sequenced = store.transact(tx -> tx.events().sequence(BATCH));
        if (sequenced > 0) {
            onSequenced.run();
        }
        return sequenced;
    }
}
