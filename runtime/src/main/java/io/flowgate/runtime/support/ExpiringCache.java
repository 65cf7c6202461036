package io.flowgate.runtime.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Values loaded on first use and kept for a short while, so a hot path does not read the database per
 * message. Changes made on this node evict at once; changes on other nodes are seen within the
 * time-to-live. Bounded: when full, it starts over.
 */
public final class ExpiringCache<K, V> {

    private record Entry<V>(V value, Instant loadedAt) {
    }

    private final Clock clock;
    private final Duration timeToLive;
    private final int maxEntries;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    public ExpiringCache(Clock clock, Duration timeToLive, int maxEntries) {
        this.clock = clock;
        this.timeToLive = timeToLive;
        this.maxEntries = maxEntries;
    }

    /** The cached value of {@code key}, or what {@code loader} gives for it now. */
    public V get(K key, Function<K, V> loader) {
        Instant now = clock.instant();
        Entry<V> entry = entries.get(key);
        if (entry != null && entry.loadedAt().plus(timeToLive).isAfter(now)) {
            return entry.value();
        }
        V value = loader.apply(key);
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key, new Entry<>(value, now));
        return value;
    }

    public void evict(K key) {
        entries.remove(key);
    }

    public void evictAll() {
        entries.clear();
    }
}
