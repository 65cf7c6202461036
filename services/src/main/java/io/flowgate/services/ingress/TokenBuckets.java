package io.flowgate.services.ingress;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rate limits as token buckets, one per key (a flow or a workspace): {@code perMinute} requests a
 * minute, with bursts up to the same number. Limits apply per node.
 */
final class TokenBuckets {

    private static final long NANOS_PER_MINUTE = 60_000_000_000L;

    private static final class Bucket {
        private double tokens;
        private long updatedAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
        }
    }

    private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();
    private final java.util.function.LongSupplier nanoTime;

    TokenBuckets(java.util.function.LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Takes one token; returns 0 when granted, else the seconds until one is available. */
    long take(UUID key, int perMinute) {
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(perMinute, now));
        synchronized (bucket) {
            double refill = (now - bucket.updatedAt) * (double) perMinute / NANOS_PER_MINUTE;
            bucket.tokens = Math.min(perMinute, bucket.tokens + refill);
            bucket.updatedAt = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            double missing = 1 - bucket.tokens;
            return Math.max(1, (long) Math.ceil(missing * 60.0 / perMinute));
        }
    }
}
