package io.flowgate.services.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flowgate.core.event.StoredEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Live streams: the hand-over from the log to pushed events, and the bounded buffer. */
class EventStreamTest {

    private static final Duration NO_WAIT = Duration.ZERO;

    private final InMemoryEventLog log = new InMemoryEventLog();
    private final EventHub hub = new EventHub(log, 10);

    @Test
    void catchesUpFromTheLogThenTakesPushedEventsWithNothingRepeated() throws Exception {
        for (int i = 0; i < 3; i++) {
            log.add();
        }
        try (EventStream stream = open(1)) {
            StoredEvent pushedTwice = log.add();
            hub.publish(List.of(pushedTwice));
            List<Long> cursors = drain(stream);
            StoredEvent live = log.add();
            hub.publish(List.of(live));
            cursors.addAll(drain(stream));

            assertThat(cursors).containsExactly(2L, 3L, 4L, 5L);
        }
    }

    @Test
    void aLiveConsumerThatFallsMoreThanTheBufferBehindIsCutOff() throws Exception {
        try (EventStream stream = open(0)) {
            assertThat(stream.next(NO_WAIT)).isEmpty();
            for (int i = 0; i < 10; i++) {
                hub.publish(List.of(log.add()));
            }
            assertThat(hub.openStreams()).isEqualTo(1);

            hub.publish(List.of(log.add()));

            assertThat(hub.openStreams()).isZero();
            assertThatThrownBy(() -> stream.next(NO_WAIT)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("more than 10 events behind");
            hub.publish(List.of(log.add()));
            assertThatThrownBy(() -> stream.next(NO_WAIT)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void eventsPushedBeyondTheBufferWhileCatchingUpAreReadFromTheLogInstead() throws Exception {
        for (int i = 0; i < 1_200; i++) {
            log.add();
        }
        try (EventStream stream = open(0)) {
            assertThat(stream.next(NO_WAIT)).map(StoredEvent::cursor).contains(1L);
            List<StoredEvent> during = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                during.add(log.add());
            }
            hub.publish(during);
            assertThat(hub.openStreams()).as("not cut off while catching up").isEqualTo(1);

            List<Long> cursors = new ArrayList<>(List.of(1L));
            cursors.addAll(drain(stream));
            StoredEvent live = log.add();
            hub.publish(List.of(live));
            cursors.addAll(drain(stream));

            assertThat(cursors).containsExactlyElementsOf(LongStream.rangeClosed(1, 1_251).boxed().toList());
        }
    }

    @Test
    void endingTheStreamsWakesAReaderThatWaitsForTheNextEvent() throws Exception {
        EventStream stream = open(0);
        assertThat(stream.next(NO_WAIT)).isEmpty();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                stream.next(Duration.ofMinutes(10));
                outcome.complete(null);
            } catch (InterruptedException | IllegalStateException e) {
                outcome.complete(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> reader.getState() == Thread.State.TIMED_WAITING);

        hub.endAll();

        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        assertThat(hub.openStreams()).isZero();
        assertThatThrownBy(() -> stream.next(NO_WAIT)).hasMessageContaining("stopping");
    }

    private EventStream open(long after) {
        return hub.open(List.of(InMemoryEventLog.CHANNEL), List.of(InMemoryEventLog.WORKSPACE), after);
    }

    /** Every event the stream has now, without waiting. */
    private static List<Long> drain(EventStream stream) throws InterruptedException {
        List<Long> cursors = new ArrayList<>();
        Optional<StoredEvent> next;
        while ((next = stream.next(NO_WAIT)).isPresent()) {
            cursors.add(next.get().cursor());
        }
        return cursors;
    }
}
