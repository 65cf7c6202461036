package io.flowgate.runtime.engine;

/** The kinds of durable timers. */
public final class TimerKinds {

    /** A step message to send when due (a delay step, or the next attempt of a failed step). */
    public static final String STEP_MESSAGE = "step-message";

    private TimerKinds() {
    }
}
