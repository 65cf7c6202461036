package io.flowgate.runtime.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoopTest {

    private static final Duration AN_HOUR = Duration.ofHours(1);

    @Test
    void anUnpacedLoopRunsAgainRightAwayWhileItFindsWork() throws InterruptedException {
        assertRunsAgainWithoutWakeUps(new Loop.Pace(Duration.ZERO, 1), 1);
    }

    @Test
    void aWakeUpRunsAnIdleLoop() throws InterruptedException {
        Semaphore runs = new Semaphore(0);
        try (Loop loop = Loop.start("test", AN_HOUR, () -> {
            runs.release();
            return 0;
        })) {
            assertThat(runs.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
            loop.wake();
            assertThat(runs.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aPacedLoopWaitsOutItsIntervalEvenWhenWokenAfterASmallRun() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        Semaphore ran = new Semaphore(0);
        try (Loop loop = Loop.start("test", AN_HOUR, new Loop.Pace(AN_HOUR, 10), () -> {
            runs.incrementAndGet();
            ran.release();
            return 1;
        })) {
            assertThat(ran.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
            loop.wake();
            loop.wake();
            assertThat(ran.tryAcquire(300, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(runs).hasValue(1);
        }
    }

    @Test
    void aPacedLoopGoesOnRightAwayAfterAWholeBatch() throws InterruptedException {
        assertRunsAgainWithoutWakeUps(new Loop.Pace(AN_HOUR, 10), 10);
    }

    /** With an idle time and a pace of an hour, three runs in time show the loop did not wait. */
    private static void assertRunsAgainWithoutWakeUps(Loop.Pace pace, int workPerRun) throws InterruptedException {
        CountDownLatch threeRuns = new CountDownLatch(3);
        try (Loop ignored = Loop.start("test", AN_HOUR, pace, () -> {
            threeRuns.countDown();
            return workPerRun;
        })) {
            assertThat(threeRuns.await(30, TimeUnit.SECONDS)).isTrue();
        }
    }
}
