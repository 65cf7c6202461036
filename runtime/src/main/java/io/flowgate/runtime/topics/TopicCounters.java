package io.flowgate.runtime.topics;

import io.flowgate.core.port.Store;
import io.flowgate.core.port.TopicRepository.Subscription;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages published and delivered per topic, counted in memory and added to the database in one
 * transaction per {@link #flush} (every second or so), instead of one counter update per message: the
 * counters cost nothing on the message path and never make two messages wait on one row lock. The price:
 * they lag by up to one flush, and a node that dies loses what it counted since its last flush.
 *
 * <p>A message an AMQP client published straight to the exchange is seen first by a subscriber: its id
 * is noted at the flush, and the message counts as published the first time its id is noted for the topic.
 */
public final class TopicCounters implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicCounters.class);

    private record ClientMessage(UUID topicId, UUID messageId) {
    }

    private final Store store;
    private final Clock clock;
    private final Map<UUID, LongAdder> published = new ConcurrentHashMap<>();
    private final Set<ClientMessage> clientMessages = ConcurrentHashMap.newKeySet();
    private final Map<Subscription, LongAdder> delivered = new ConcurrentHashMap<>();

    public TopicCounters(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public void published(UUID topicId) {
        published.computeIfAbsent(topicId, id -> new LongAdder()).increment();
    }

    public void delivered(UUID topicId, UUID flowId) {
        delivered.computeIfAbsent(new Subscription(topicId, flowId), key -> new LongAdder()).increment();
    }

    /** Notes a message of topic {@code topicId} that an AMQP client published (counted once per id at the flush). */
    public void clientMessage(UUID topicId, UUID messageId) {
        clientMessages.add(new ClientMessage(topicId, messageId));
    }

    /** Adds what was counted since the last flush to the database; kept for the next flush when that fails. Returns 0. */
    public int flush() {
        Map<UUID, Long> publishedNow = drain(published);
        Map<Subscription, Long> deliveredNow = drain(delivered);
        Map<UUID, Set<UUID>> clientMessagesNow = drainIds(clientMessages);
        if (publishedNow.isEmpty() && deliveredNow.isEmpty() && clientMessagesNow.isEmpty()) {
            return 0;
        }
        try {
            store.transact(tx -> {
                Map<UUID, Long> allPublished = new HashMap<>(publishedNow);
                tx.topics().noteClientMessages(clientMessagesNow, clock.instant()).forEach((topicId, count) ->
                        allPublished.merge(topicId, count, Long::sum));
                tx.topics().addPublished(allPublished);
                tx.topics().addDelivered(deliveredNow);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("Topic counters not saved, keeping them for the next try: {}", e.getMessage());
            publishedNow.forEach((key, count) -> published.computeIfAbsent(key, k -> new LongAdder()).add(count));
            deliveredNow.forEach((key, count) -> delivered.computeIfAbsent(key, k -> new LongAdder()).add(count));
            clientMessagesNow.forEach((topicId, ids) -> ids.forEach(id -> clientMessage(topicId, id)));
        }
        return 0;
    }

    @Override
    public void close() {
        flush();
    }

    /** Takes the noted (topic, message id) pairs, each removed one by one so none noted meanwhile is lost. */
    private static Map<UUID, Set<UUID>> drainIds(Set<ClientMessage> noted) {
        Map<UUID, Set<UUID>> drained = new HashMap<>();
        for (ClientMessage message : noted) {
            if (noted.remove(message)) {
                drained.computeIfAbsent(message.topicId(), id -> new HashSet<>()).add(message.messageId());
            }
        }
        return drained;
    }

    /** Takes the counts (each adder is read and reset cell by cell, so no concurrent increment is lost). */
    private static <K> Map<K, Long> drain(Map<K, LongAdder> counters) {
        Map<K, Long> drained = new HashMap<>();
        counters.forEach((key, adder) -> {
            long count = adder.sumThenReset();
            if (count > 0) {
                drained.put(key, count);
            }
        });
        return drained;
    }
}
