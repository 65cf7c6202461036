package io.flowgate.runtime.engine;

import io.flowgate.core.port.Store;
import io.flowgate.core.port.StoreTx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the work of many concurrent callers in shared transactions: whatever is waiting when the writer
 * is free goes into one commit (group commit). One commit costs the database about the same for one
 * caller as for a hundred, so under load this multiplies what it can take. When a shared transaction
 * fails, each piece of work is tried alone, so one bad piece fails only its own caller.
 *
 * @param <T> what a piece of work returns
 */
public final class GroupCommit<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    private static final int MAX_BATCH = 256;

    private record Work<T>(Function<StoreTx, T> body, CompletableFuture<T> result) {
    }

    private final Store store;
    private final BlockingQueue<Work<T>> waiting = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running = true;

    public GroupCommit(Store store, String name, int writerThreads) {
        this.store = store;
        for (int i = 0; i < writerThreads; i++) {
            writers.add(Thread.ofPlatform().name("flowgate-" + name + "-" + i).daemon().start(this::writeLoop));
        }
    }

    /** Runs {@code body} in a transaction shared with other callers; the future completes once it committed. */
    public CompletableFuture<T> submit(Function<StoreTx, T> body) {
        Work<T> work = new Work<>(body, new CompletableFuture<>());
        if (!running) {
            work.result().completeExceptionally(new IllegalStateException("group commit closed"));
            return work.result();
        }
        waiting.add(work);
        return work.result();
    }

    private void writeLoop() {
        List<Work<T>> batch = new ArrayList<>(MAX_BATCH);
        while (running) {
            try {
                batch.add(waiting.take());
                waiting.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Work<T>> batch) {
        if (batch.size() > 1) {
            try {
                List<T> results = store.transact(tx -> batch.stream().map(work -> work.body().apply(tx)).toList());
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).result().complete(results.get(i));
                }
                return;
            } catch (RuntimeException e) {
                LOG.debug("A shared transaction of {} failed; writing each alone: {}", batch.size(), e.toString());
            }
        }
        for (Work<T> work : batch) {
            try {
                work.result().complete(store.transact(work.body()));
            } catch (RuntimeException e) {
                work.result().completeExceptionally(e);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        writers.forEach(Thread::interrupt);
        List<Work<T>> left = new ArrayList<>();
        waiting.drainTo(left);
        left.forEach(work -> work.result().completeExceptionally(new IllegalStateException("group commit closed")));
    }
}
