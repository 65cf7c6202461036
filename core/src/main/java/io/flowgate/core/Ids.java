package io.flowgate.core;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Time-ordered UUIDs (version 7 layout, RFC 4122 variant). The 48-bit millisecond time is followed by a
 * 12-bit counter, so the ids one generator makes are strictly increasing even within a millisecond (the
 * order things happened in a node is the order of their ids), and by 62 random bits, which keep ids of
 * different nodes apart. The random bits come from a per-thread generator: ids must be unique, not
 * secret (API keys and secrets use {@code SecureRandom}), and a shared one would serialise every request.
 */
public final class Ids implements IdGenerator {

    /** The RFC 4122 text form: 8-4-4-4-12 hex digits, either case. {@link UUID#fromString} alone also takes other shapes. */
    private static final Pattern CANONICAL =
            Pattern.compile("\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

    private final Clock clock;
    /** The last (millisecond time << 12 | counter) given out. */
    private final AtomicLong last = new AtomicLong();

    public Ids(Clock clock) {
        this.clock = clock;
    }

    @Override
    public UUID next() {
        long now = clock.millis() << 12;
        long timeAndCounter = last.updateAndGet(previous -> Math.max(previous + 1, now));
        long mostSignificant = ((timeAndCounter >>> 12) << 16) | 0x7000L | (timeAndCounter & 0x0FFFL);
        long leastSignificant = (ThreadLocalRandom.current().nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(mostSignificant, leastSignificant);
    }

    /**
     * A name-based UUID (version 3) of {@code kind} and {@code parts}: the same inputs always give the same
     * id, so something derived from a message (the execution a topic message starts, say) is recognised
     * when that message comes again.
     */
    public static UUID derive(String kind, Object... parts) {
        StringBuilder name = new StringBuilder(kind);
        for (Object part : parts) {
            name.append(':').append(part);
        }
        return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Like {@link #derive}, but in the order of {@code source}: the id starts with the 48 time bits of
     * {@code source} (a time-ordered id of this class) followed by 74 bits of the name-based hash of
     * {@code kind} and {@code parts} (version 8 layout). Ids derived from time-ordered ids are then
     * time-ordered too, so they go in at the end of a database index instead of all over it, which is
     * what keeps a busy index's pages few and hot.
     */
    public static UUID deriveInOrderOf(UUID source, String kind, Object... parts) {
        UUID hash = derive(kind, parts);
        long mostSignificant = (source.getMostSignificantBits() & ~0xFFFFL) | 0x8000L | (hash.getMostSignificantBits() & 0x0FFFL);
        return new UUID(mostSignificant, hash.getLeastSignificantBits());
    }

    /** Parses a UUID path or body value; anything else is a clear bad-input error. */
    public static UUID parse(String text, String what) {
        if (!isUuid(text)) {
            throw FlowgateException.invalid(what + " must be a UUID, got '" + abbreviate(text) + "'");
        }
        return UUID.fromString(text);
    }

    /** True for the canonical text form of a UUID (either case), and only for it. */
    public static boolean isUuid(String text) {
        return text != null && CANONICAL.matcher(text).matches();
    }

    /** Like {@link #parse} but an unknown id of the wrong shape is simply "not found". */
    public static UUID parseOrNotFound(String text, String what) {
        try {
            return parse(text, what);
        } catch (FlowgateException e) {
            throw FlowgateException.notFound(what + " " + abbreviate(text) + " does not exist");
        }
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 64 ? text.substring(0, 64) + "…" : text;
    }
}
