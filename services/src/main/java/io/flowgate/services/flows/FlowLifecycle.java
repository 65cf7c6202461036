package io.flowgate.services.flows;

import io.flowgate.core.flow.Flow;
import io.flowgate.core.port.StoreTx;

/**
 * Told after a flow started, stopped, changed or was deleted (the change is committed), so the parts that
 * depend on it follow: this node's consumers, topic bindings, schedules, caches. Also asked, before a new
 * or changed definition is stored, whether what it refers to exists.
 */
public interface FlowLifecycle {

    /**
     * Called in the transaction that is about to store {@code flow}'s new or changed definition; throwing
     * (UNPROCESSABLE, with pointers into {@code /data/attributes/graph}) refuses it.
     */
    default void checking(StoreTx tx, Flow flow) {
    }

    /** Told after a flow's definition changed from {@code previous} to {@code current}. */
    default void updated(Flow previous, Flow current) {
    }

    default void started(Flow flow) {
    }

    default void stopped(Flow flow) {
    }

    default void deleted(Flow flow) {
    }
}
