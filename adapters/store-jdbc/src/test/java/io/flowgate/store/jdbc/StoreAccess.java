package io.flowgate.store.jdbc;

import io.flowgate.core.port.Store;
import io.flowgate.core.port.StoreTx;
import java.util.function.Consumer;
import java.util.function.Function;

/** What every part of the store contract needs: the store under test, and short ways to use it. */
interface StoreAccess {

    Store store();

    /** Whether the store gives events their cursor as they commit, rather than from the sequencer after. */
    default boolean numbersEventsAtCommit() {
        return store() instanceof JdbcStore jdbc && jdbc.numbersEventsAtCommit();
    }

    default <T> T tx(Function<StoreTx, T> work) {
        return store().transact(work);
    }

    default void run(Consumer<StoreTx> work) {
        store().transact(tx -> {
            work.accept(tx);
            return null;
        });
    }

    default <T> T read(Function<StoreTx, T> work) {
        return store().read(work);
    }
}
