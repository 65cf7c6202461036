package io.flowgate.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract of the {@link io.flowgate.core.port.Store} port, written once and run against every
 * database the platform supports: a concrete class opens a store once for all tests and closes it.
 * The tests share that store, so each one makes its own rows with fresh ids and looks only at those.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StoreContract implements UserContract, WorkspaceContract, FlowContract, ExecutionContract,
        EventLogContract, SequencerConcurrencyContract, TimerContract, CoordinationContract, TopicContract {

    /** Enough connections for the concurrency tests' writers, sequencers and reader. */
    static final int POOL_SIZE = 10;

    @Test
    void theStoreAnswers() {
        assertThat(store().isHealthy()).isTrue();
    }
}
