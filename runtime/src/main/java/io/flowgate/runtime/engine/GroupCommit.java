package io.flowgate.runtime.engine;

import io.flowgate.core.port.Store;
import io.flowgate.core.port.StoreTx;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Runs the work of many concurrent callers in shared transactions ({@link BatchCommit}), each piece of
 * work with its own statements.
 *
 * @param <T> what a piece of work returns
 */
public final class GroupCommit<T> implements AutoCloseable {

    private final BatchCommit<Function<StoreTx, T>, T> batches;

    public GroupCommit(Store store, String name, int writerThreads) {
        this.batches = new BatchCommit<>(store, name, writerThreads, (tx, work) -> work.stream().map(body -> body.apply(tx)).toList());
    }

    /** Runs {@code body} in a transaction shared with other callers; the future completes once it committed. */
    public CompletableFuture<T> submit(Function<StoreTx, T> body) {
        return batches.submit(body);
    }

    /** Runs {@code body} in a shared transaction and waits until it committed; throws what the work threw. */
    public T commit(Function<StoreTx, T> body) {
        return batches.commit(body);
    }

    /** Lets each writer finish the batch it is writing, then fails whatever still waits as UNAVAILABLE. */
    @Override
    public void close() {
        batches.close();
    }
}
