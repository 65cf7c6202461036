package io.flowgate.bench.loadgen;

import java.time.Duration;

/**
 * How a load run drives its target.
 *
 * <p>{@code OPEN}: requests are due at a constant rate whatever the answers do; each latency is measured
 * from the request's intended send time, so a stall of the server shows in every request that had to wait
 * for it (no coordinated omission). {@code CLOSED}: each connection sends its next request when the
 * previous answer arrives, which finds the maximum throughput; latency is then the service time.
 */
public record LoadSpec(Model model, double rate, int connections, Duration warmup, Duration duration, Duration drain) {

    public enum Model { OPEN, CLOSED }

    public static LoadSpec open(double rate, int connections, Timing timing) {
        return new LoadSpec(Model.OPEN, rate, connections, timing.warmup(), timing.duration(), timing.drain());
    }

    public static LoadSpec closed(int connections, Timing timing) {
        return new LoadSpec(Model.CLOSED, 0, connections, timing.warmup(), timing.duration(), timing.drain());
    }

    public String describe() {
        return model == Model.OPEN
                ? "open model, %.0f req/s over %d connections".formatted(rate, connections)
                : "closed model, %d connections".formatted(connections);
    }

    /** Warm-up (not recorded), measured window, and the longest wait for answers and events afterwards. */
    public record Timing(Duration warmup, Duration duration, Duration drain) {
        public static Timing of(Args args) {
            boolean quick = args.flag("quick");
            return new Timing(args.seconds("warmup", quick ? 2 : 10), args.seconds("duration", quick ? 5 : 60),
                    args.seconds("drain", quick ? 15 : 90));
        }
    }
}
