package io.flowgate.runtime.engine;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.port.Store;
import io.flowgate.core.port.StoreTx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what many concurrent callers submit in shared transactions: whatever is waiting when the writer
 * is free goes into one commit (group commit), written by one {@link Writer} call, which can then use one
 * statement for many callers. One commit costs the database about the same for one caller as for a
 * hundred, so under load this multiplies what it can take. When a shared transaction fails, each input is
 * tried alone, so one bad input fails only its own caller; when it fails because the database is
 * unavailable, every caller gets that at once (trying each alone would only wait for the database again
 * and again).
 *
 * @param <I> what a caller submits
 * @param <O> what it gets back once committed
 */
public final class BatchCommit<I, O> implements AutoCloseable {

    /** Writes {@code inputs} in {@code tx}; returns one result for each input, in their order. */
    public interface Writer<I, O> {
        List<O> write(StoreTx tx, List<I> inputs);
    }

    private static final Logger LOG = LoggerFactory.getLogger(BatchCommit.class);
    private static final int MAX_BATCH = 256;
    private static final Duration IDLE_CHECK = Duration.ofMillis(200);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(30);

    private record Work<I, O>(I input, CompletableFuture<O> result) {
    }

    private final Store store;
    private final String name;
    private final Writer<I, O> writer;
    private final BlockingQueue<Work<I, O>> waiting = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    public BatchCommit(Store store, String name, int writerThreads, Writer<I, O> writer) {
        this.store = store;
        this.name = name;
        this.writer = writer;
        for (int i = 0; i < writerThreads; i++) {
            threads.add(Thread.ofPlatform().name("flowgate-" + name + "-" + i).daemon().start(this::writeLoop));
        }
    }

    /**
     * Writes {@code input} in a transaction shared with other callers; the future completes once it committed.
     * Once the writer is closing, it fails as UNAVAILABLE: nothing was written, and the caller may try again.
     */
    public CompletableFuture<O> submit(I input) {
        Work<I, O> work = new Work<>(input, new CompletableFuture<>());
        waiting.add(work);
        if (!running) {
            failLeftOver();
        }
        return work.result();
    }

    /** Writes {@code input} in a shared transaction and waits until it committed; throws what the writer threw. */
    public O commit(I input) {
        try {
            return submit(input).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void writeLoop() {
        List<Work<I, O>> batch = new ArrayList<>(MAX_BATCH);
        while (running) {
            try {
                Work<I, O> first = waiting.poll(IDLE_CHECK.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
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

    private void write(List<Work<I, O>> batch) {
        if (batch.size() > 1) {
            try {
                List<I> inputs = batch.stream().map(Work::input).toList();
                List<O> results = store.transact(tx -> writer.write(tx, inputs));
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).result().complete(results.get(i));
                }
                return;
            } catch (FlowgateException e) {
                if (e.kind() == FlowgateException.Kind.UNAVAILABLE) {
                    batch.forEach(work -> work.result().completeExceptionally(e));
                    return;
                }
                LOG.debug("A shared transaction of {} failed; writing each alone: {}", batch.size(), e.toString());
            } catch (RuntimeException e) {
                LOG.debug("A shared transaction of {} failed; writing each alone: {}", batch.size(), e.toString());
            }
        }
        for (Work<I, O> work : batch) {
            try {
                work.result().complete(store.transact(tx -> writer.write(tx, List.of(work.input())).getFirst()));
            } catch (RuntimeException e) {
                work.result().completeExceptionally(e);
            }
        }
    }

    /**
     * Lets each writer finish the batch it is writing (never cut off mid-transaction), then fails whatever
     * still waits as UNAVAILABLE.
     */
    @Override
    public void close() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(CLOSE_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        failLeftOver();
    }

    private void failLeftOver() {
        List<Work<I, O>> left = new ArrayList<>();
        waiting.drainTo(left);
        left.forEach(work -> work.result().completeExceptionally(
                FlowgateException.unavailable("The " + name + " writer is stopping; nothing of this was written", null)));
    }
}
