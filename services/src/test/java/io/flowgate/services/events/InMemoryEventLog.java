package io.flowgate.services.events;

import io.flowgate.core.Json;
import io.flowgate.core.event.ChannelAddress;
import io.flowgate.core.event.PlatformEvent;
import io.flowgate.core.event.StoredEvent;
import io.flowgate.core.port.EventLog;
import io.flowgate.core.port.Store;
import io.flowgate.core.port.StoreTx;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** An event log in memory behind a {@link Store} that offers nothing else: enough for live streams. */
final class InMemoryEventLog implements EventLog, Store {

    static final UUID WORKSPACE = UUID.randomUUID();
    static final ChannelAddress CHANNEL = ChannelAddress.flowExecution(UUID.randomUUID());

    private final List<StoredEvent> events = new CopyOnWriteArrayList<>();
    final AtomicInteger reads = new AtomicInteger();

    /** Adds an event with the next cursor and returns it (as the sequencer would make it visible). */
    StoredEvent add() {
        StoredEvent event = new StoredEvent(events.size() + 1, UUID.randomUUID(), CHANNEL, "FlowExecutionEvent", WORKSPACE,
                Json.object().put("n", events.size() + 1));
        events.add(event);
        return event;
    }

    @Override
    public List<StoredEvent> read(Query query) {
        reads.incrementAndGet();
        return events.stream().filter(e -> e.cursor() > query.afterCursor())
                .filter(e -> query.workspaceIds() == null || query.workspaceIds().contains(e.workspaceId()))
                .filter(e -> query.patterns() == null || query.patterns().stream().anyMatch(p -> p.matches(e.channel())))
                .limit(query.limit()).toList();
    }

    @Override
    public <T> T read(Function<StoreTx, T> work) {
        StoreTx tx = (StoreTx) Proxy.newProxyInstance(StoreTx.class.getClassLoader(), new Class<?>[] {StoreTx.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("events")) {
                        return this;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return work.apply(tx);
    }

    @Override
    public <T> T transact(Function<StoreTx, T> work) {
        return read(work);
    }

    @Override
    public boolean isHealthy() {
        return true;
    }

    @Override
    public void whenEventsCommitted(Runnable listener) {
        // events are added directly, already with their cursor
    }

    @Override
    public void append(PlatformEvent event) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int sequence(int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long lastCursor() {
        return events.size();
    }

    @Override
    public int deleteBefore(Instant before, int limit) {
        throw new UnsupportedOperationException();
    }
}
