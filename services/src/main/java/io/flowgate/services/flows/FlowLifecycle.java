package io.flowgate.services.flows;

import io.flowgate.core.flow.Flow;

/**
 * Told after a flow started, stopped or was deleted (the change is committed), so the parts that
 * depend on it follow: this node's consumers, topic bindings, schedules, caches.
 */
public interface FlowLifecycle {

    default void started(Flow flow) {
    }

    default void stopped(Flow flow) {
    }

    default void deleted(Flow flow) {
    }
}
