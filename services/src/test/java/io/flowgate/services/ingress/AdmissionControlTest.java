package io.flowgate.services.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.flow.Flow;
import io.flowgate.core.flow.FlowGraph;
import io.flowgate.core.flow.FlowStatus;
import io.flowgate.core.flow.FlowType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

class AdmissionControlTest {

    private static final long MILLI = 1_000_000L;
    private static final Flow FLOW = new Flow(UUID.randomUUID(), UUID.randomUUID(), "f", FlowType.ORDINARY, FlowStatus.ACTIVE,
            new FlowGraph(List.of(), List.of()), null, 1, Instant.EPOCH, Instant.EPOCH);

    private final AtomicLong now = new AtomicLong(1_000 * MILLI);
    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicLong backlog = new AtomicLong();

    @Test
    void aBacklogOverTheLimitIsRefusedWithRetryAfter() {
        AdmissionControl admission = admission(queue -> backlog.get());
        backlog.set(100);

        assertThatThrownBy(() -> admission.admit(FLOW, 0, 100)).isInstanceOfSatisfying(FlowgateException.class, e -> {
            assertThat(e.kind()).isEqualTo(FlowgateException.Kind.RATE_LIMITED);
            assertThat(e.retryAfterSeconds()).isPositive();
        });
    }

    @Test
    void theBrokerIsAskedForTheBacklogAtMostTwiceASecond() {
        AdmissionControl admission = admission(this::count);

        for (int i = 0; i < 10; i++) {
            admission.admit(FLOW, 0, 100);
            now.addAndGet(40 * MILLI);
        }

        assertThat(lookups).hasValue(1);
        now.addAndGet(200 * MILLI);
        admission.admit(FLOW, 0, 100);
        assertThat(lookups).hasValue(2);
    }

    @Test
    void requestsArrivingWhileTheBacklogIsReadAgainUseTheLastFigure() {
        AdmissionControl[] admission = new AdmissionControl[1];
        AtomicInteger refusedMeanwhile = new AtomicInteger();
        admission[0] = admission(queue -> {
            if (count(queue) == 2) {
                try {
                    admission[0].admit(FLOW, 0, 100);
                } catch (FlowgateException e) {
                    refusedMeanwhile.incrementAndGet();
                }
            }
            return backlog.get();
        });
        admission[0].admit(FLOW, 0, 100);
        now.addAndGet(600 * MILLI);
        backlog.set(500);

        assertThatThrownBy(() -> admission[0].admit(FLOW, 0, 100)).isInstanceOf(FlowgateException.class);
        assertThat(lookups).as("the request arriving meanwhile did not ask the broker too").hasValue(2);
        assertThat(refusedMeanwhile).as("it was let in on the last figure (0)").hasValue(0);
    }

    private long count(UUID flowId) {
        lookups.incrementAndGet();
        return lookups.get();
    }

    private AdmissionControl admission(ToLongFunction<UUID> backlogOf) {
        return new AdmissionControl(new AdmissionControl.Limits(0, 0), backlogOf, now::get);
    }
}
