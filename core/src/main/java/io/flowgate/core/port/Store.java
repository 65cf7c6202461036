package io.flowgate.core.port;

import java.util.function.Function;

/**
 * The database. All reads and writes go through a {@link StoreTx}: what one call of
 * {@link #transact} writes is committed together or not at all. Instants are kept to the microsecond.
 */
public interface Store {

    /**
     * Runs {@code work} in one read-write transaction and commits it; an exception from {@code work} rolls it
     * back and is thrown on. Work that meets a transient conflict (a deadlock, a serialization failure) may be
     * run again, so it must not have effects outside the transaction.
     */
    <T> T transact(Function<StoreTx, T> work);

    /** Runs {@code work} on a read-only view. */
    <T> T read(Function<StoreTx, T> work);

    /**
     * Calls {@code listener} after each commit that appended events, so whoever gives events their cursor
     * can do it at once instead of polling. It must be quick; it runs on the committing thread.
     */
    void whenEventsCommitted(Runnable listener);

    /** True when the database answers. */
    boolean isHealthy();
}
