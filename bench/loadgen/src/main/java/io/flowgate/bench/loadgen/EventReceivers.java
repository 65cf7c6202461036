package io.flowgate.bench.loadgen;

import org.HdrHistogram.Histogram;

/** Receivers of a flow's events that record each event's lag: SSE clients, webhook subscribers. */
interface EventReceivers {

    /** Only events whose timestamp falls in this window count. */
    void window(long fromMillis, long toMillis);

    /** Events received, whatever their timestamp, over all receivers. */
    long received();

    /** Events received whose timestamp falls in the window, over all receivers. */
    long inWindow();

    /** Receive time minus the event's own timestamp, in µs, of the events in the window. */
    Histogram lagMicros();

    /** {@link System#nanoTime()} of the last event received. */
    long lastReceiveNanos();
}
