package io.flowgate.core.port;

/**
 * How far each follower of the event log (the delivery planner, the AMQP relay) has got: a cursor per
 * follower, kept in the database so it resumes there after a restart or on another node.
 */
public interface Watermarks {

    /** The cursor of {@code follower} (0 when it never ran), locked until the transaction ends. */
    long lock(String follower);

    long get(String follower);

    /** Moves the cursor of {@code follower} forward to {@code cursor}; a lower value changes nothing. */
    void advance(String follower, long cursor);
}
