package io.flowgate.store.jdbc;

import static io.flowgate.store.jdbc.StoreFixtures.ended;
import static io.flowgate.store.jdbc.StoreFixtures.execution;
import static io.flowgate.store.jdbc.StoreFixtures.inYear;
import static io.flowgate.store.jdbc.StoreFixtures.json;
import static io.flowgate.store.jdbc.StoreFixtures.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowgate.core.port.StoreTx;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.Json;
import io.flowgate.core.execution.Execution;
import io.flowgate.core.execution.ExecutionStatus;
import io.flowgate.core.execution.StepAttempt;
import io.flowgate.core.execution.StepError;
import io.flowgate.core.execution.StepRun;
import io.flowgate.core.execution.StepRunStatus;
import io.flowgate.core.port.ExecutionRepository.AttemptRecord;
import io.flowgate.core.port.ExecutionRepository.Filter;
import io.flowgate.core.port.Page;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Executions, their step runs and attempts, and their retention. */
interface ExecutionContract extends StoreAccess {

    @Test
    default void insertIfAbsentInsertsOnce() {
        Execution execution = execution(UUID.randomUUID(), UUID.randomUUID(), now());

        assertThat(tx((StoreTx tx) -> tx.executions().insertIfAbsent(execution))).isTrue();
        assertThat(tx((StoreTx tx) -> tx.executions().insertIfAbsent(ended(execution, ExecutionStatus.FAILED, now())))).isFalse();

        assertThat(read((StoreTx tx) -> tx.executions().find(execution.id()))).contains(execution);
        assertThat(tx((StoreTx tx) -> tx.executions().lock(execution.id()))).contains(execution);
        assertThat(read((StoreTx tx) -> tx.executions().find(UUID.randomUUID()))).isEmpty();
    }

    @Test
    default void countAppliesTheDeltasAndAnswersTheExecutionAsItIsNow() {
        Execution execution = execution(UUID.randomUUID(), UUID.randomUUID(), now());
        run(tx -> tx.executions().insertIfAbsent(execution));

        Execution afterTrigger = tx(tx -> tx.executions().count(execution.id(), 2, 1, 0));
        assertThat(afterTrigger.pending()).isEqualTo(3);
        assertThat(afterTrigger.stepCount()).isEqualTo(1);
        assertThat(afterTrigger.outcome()).isEqualTo(ExecutionStatus.COMPLETED);

        Execution afterFailure = tx(tx -> tx.executions().count(execution.id(), -3, 2, 1));
        assertThat(afterFailure.pending()).isZero();
        assertThat(afterFailure.stepCount()).isEqualTo(3);
        assertThat(afterFailure.failedSteps()).isEqualTo(1);
        assertThat(afterFailure.outcome()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(read((StoreTx tx) -> tx.executions().find(execution.id()))).contains(afterFailure);

        assertThatThrownBy(() -> run(tx -> tx.executions().count(UUID.randomUUID(), 1, 1, 0)))
                .isInstanceOfSatisfying(FlowgateException.class, e -> assertThat(e.kind()).isEqualTo(FlowgateException.Kind.NOT_FOUND));
    }

    @Test
    default void setStatusEndsTheExecution() {
        Execution execution = execution(UUID.randomUUID(), UUID.randomUUID(), now());
        run(tx -> tx.executions().insertIfAbsent(execution));
        Instant endedAt = execution.startedAt().plusMillis(1_234);

        run(tx -> tx.executions().setStatus(execution.id(), ExecutionStatus.SUSPENDED, endedAt));

        Execution found = read(tx -> tx.executions().find(execution.id())).orElseThrow();
        assertThat(found.status()).isEqualTo(ExecutionStatus.SUSPENDED);
        assertThat(found.endedAt()).isEqualTo(endedAt);
        assertThat(found.durationMillis()).isEqualTo(1_234L);
    }

    @Test
    default void aRedeliveredAttemptIsRefusedAndWritesNothing() {
        Execution execution = execution(UUID.randomUUID(), UUID.randomUUID(), now());
        UUID message = UUID.randomUUID();
        AttemptRecord first = attempt(execution, message, null, 1, StepRunStatus.SUCCEEDED, json("{\"order\":1}"),
                Json.MAPPER.createArrayNode().add(json("{\"id\":\"a\"}")));
        AttemptRecord again = attempt(execution, message, null, 1, StepRunStatus.FAILED, json("{\"order\":2}"),
                Json.MAPPER.createArrayNode());
        run(tx -> tx.executions().insertIfAbsent(execution));

        assertThat(tx((StoreTx tx) -> tx.executions().recordAttempt(first))).isTrue();
        assertThat(tx((StoreTx tx) -> tx.executions().recordAttempt(again))).isFalse();

        assertThat(read((StoreTx tx) -> tx.executions().emittedBy(message, 1))).contains(first.emitted());
        StepRun run = read(tx -> tx.executions().stepRuns(execution.id())).getFirst();
        assertThat(run.status()).isEqualTo(StepRunStatus.SUCCEEDED);
        assertThat(run.input()).isEqualTo(first.input());
        assertThat(run.attempts()).containsExactly(first.attempt());
        assertThat(read((StoreTx tx) -> tx.executions().emittedBy(message, 2))).isEmpty();
        assertThat(read((StoreTx tx) -> tx.executions().emittedBy(UUID.randomUUID(), 1))).isEmpty();
    }

    @Test
    default void stepRunsGroupTheAttemptsOfEachMessageAndKeepTheFirstInput() {
        Execution execution = execution(UUID.randomUUID(), UUID.randomUUID(), now());
        UUID trigger = UUID.randomUUID();
        UUID retried = UUID.randomUUID();
        UUID recovered = UUID.randomUUID();
        Instant t = execution.startedAt();
        AttemptRecord triggerAttempt = attempt(execution, trigger, null, 1, StepRunStatus.SUCCEEDED, json("{\"body\":{}}"),
                Json.MAPPER.createArrayNode().add(json("{\"a\":1}")).add(json("{\"b\":2}")), t);
        AttemptRecord retried1 = attempt(execution, retried, trigger, 1, StepRunStatus.RETRYING, json("{\"a\":1}"), null,
                t.plusSeconds(1));
        AttemptRecord recovered1 = attempt(execution, recovered, trigger, 1, StepRunStatus.RETRYING, json("{\"b\":2}"), null,
                t.plusSeconds(2));
        AttemptRecord retried2 = attempt(execution, retried, trigger, 2, StepRunStatus.FAILED, json("{\"other\":true}"), null,
                t.plusSeconds(3));
        AttemptRecord recovered2 = attempt(execution, recovered, trigger, 2, StepRunStatus.SUCCEEDED, null,
                Json.MAPPER.createArrayNode(), t.plusSeconds(4));
        run(tx -> {
            tx.executions().insertIfAbsent(execution);
            for (AttemptRecord r : List.of(recovered2, triggerAttempt, retried2, recovered1, retried1)) {
                tx.executions().recordAttempt(r);
            }
        });

        List<StepRun> runs = read(tx -> tx.executions().stepRuns(execution.id()));

        assertThat(runs).extracting(StepRun::messageId).containsExactly(trigger, retried, recovered);
        StepRun triggerRun = runs.get(0);
        assertThat(triggerRun.emitted()).isEqualTo(2);
        assertThat(triggerRun.parentMessageId()).isNull();
        StepRun retriedRun = runs.get(1);
        assertThat(retriedRun.stepId()).isEqualTo(retried1.stepId());
        assertThat(retriedRun.executionId()).isEqualTo(execution.id());
        assertThat(retriedRun.parentMessageId()).isEqualTo(trigger);
        assertThat(retriedRun.status()).isEqualTo(StepRunStatus.FAILED);
        assertThat(retriedRun.input()).as("input of attempt 1").isEqualTo(retried1.input());
        assertThat(retriedRun.attempts()).containsExactly(retried1.attempt(), retried2.attempt());
        assertThat(retriedRun.startedAt()).isEqualTo(retried1.attempt().startedAt());
        assertThat(retriedRun.endedAt()).isEqualTo(retried2.attempt().endedAt());
        StepRun recoveredRun = runs.get(2);
        assertThat(recoveredRun.status()).isEqualTo(StepRunStatus.SUCCEEDED);
        assertThat(recoveredRun.input()).isEqualTo(recovered1.input());
        assertThat(read((StoreTx tx) -> tx.executions().failedStepRuns(execution.id()))).containsExactly(retriedRun);
    }

    @Test
    default void failedStepRunsAreListedOldestFirst() {
        Execution execution = execution(UUID.randomUUID(), UUID.randomUUID(), now());
        UUID later = UUID.randomUUID();
        UUID earlier = UUID.randomUUID();
        run(tx -> {
            tx.executions().insertIfAbsent(execution);
            tx.executions().recordAttempt(attempt(execution, later, null, 5, StepRunStatus.FAILED, json("{}"), null));
            tx.executions().recordAttempt(attempt(execution, earlier, null, 1, StepRunStatus.FAILED, json("{}"), null));
        });

        assertThat(read((StoreTx tx) -> tx.executions().failedStepRuns(execution.id()))).extracting(StepRun::messageId)
                .containsExactly(earlier, later);
        assertThat(read((StoreTx tx) -> tx.executions().stepRuns(UUID.randomUUID()))).isEmpty();
    }

    @Test
    default void executionsAreListedNewestFirstByWorkspaceFlowStatusAndTime() {
        UUID workspace = UUID.randomUUID();
        UUID flowA = UUID.randomUUID();
        UUID flowB = UUID.randomUUID();
        Instant t = now();
        Execution a1 = execution(workspace, flowA, t);
        Execution a2 = ended(execution(workspace, flowA, t.plusSeconds(1)), ExecutionStatus.COMPLETED, t.plusSeconds(2));
        Execution a3 = execution(workspace, flowA, t.plusSeconds(2));
        Execution b1 = ended(execution(workspace, flowB, t.plusSeconds(3)), ExecutionStatus.FAILED, t.plusSeconds(4));
        Execution elsewhere = execution(UUID.randomUUID(), UUID.randomUUID(), t.plusMillis(1_500));
        run(tx -> List.of(a2, elsewhere, b1, a1, a3).forEach(tx.executions()::insertIfAbsent));
        List<UUID> mine = List.of(workspace);

        Page.Result<Execution> page1 = read(tx -> tx.executions().list(new Filter(mine, null, null, null, null), new Page(1, 3)));
        assertThat(page1.items()).containsExactly(b1, a3, a2);
        assertThat(page1.total()).isEqualTo(4);
        assertThat(page1.hasNext()).isTrue();
        assertThat(read((StoreTx tx) -> tx.executions().list(new Filter(mine, null, null, null, null), new Page(2, 3))).items())
                .containsExactly(a1);
        assertThat(list(new Filter(mine, flowA, null, null, null))).containsExactly(a3, a2, a1);
        assertThat(list(new Filter(mine, null, ExecutionStatus.RUNNING, null, null))).containsExactly(a3, a1);
        assertThat(list(new Filter(mine, flowA, ExecutionStatus.COMPLETED, null, null))).containsExactly(a2);
        assertThat(list(new Filter(mine, null, null, t.plusSeconds(1), t.plusSeconds(3)))).as("from inclusive, to exclusive")
                .containsExactly(a3, a2);
        assertThat(list(new Filter(List.of(), null, null, null, null))).as("no workspace, no execution").isEmpty();
        assertThat(list(new Filter(null, flowB, null, null, null))).as("null does not narrow").containsExactly(b1);
        assertThat(list(new Filter(List.of(elsewhere.workspaceId()), flowA, null, null, null)))
                .as("a flow of a workspace not listed").isEmpty();
        assertThat(list(new Filter(null, null, null, t, t.plusSeconds(4))).stream()
                .filter(List.of(a1, a2, a3, b1, elsewhere)::contains)).as("every workspace").containsExactly(b1, a3, elsewhere, a2, a1);
    }

    @Test
    default void executionsOfSeveralWorkspacesAreMergedNewestFirstAndPaged() {
        UUID one = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        Instant t = now();
        // the same start: ties go by id, compared as both databases compare UUIDs (unsigned), not as Java does
        Execution high = withId(execution(one, UUID.randomUUID(), t), UUID.fromString("f0000000-0000-7000-8000-000000000001"));
        Execution low = withId(execution(other, UUID.randomUUID(), t), UUID.fromString("10000000-0000-7000-8000-000000000001"));
        Execution newest = execution(other, UUID.randomUUID(), t.plusSeconds(2));
        Execution middle = execution(one, UUID.randomUUID(), t.plusSeconds(1));
        Execution oldest = execution(other, UUID.randomUUID(), t.minusSeconds(1));
        run(tx -> List.of(low, oldest, high, newest, middle).forEach(tx.executions()::insertIfAbsent));
        Filter both = new Filter(List.of(one, other), null, null, null, null);

        Page.Result<Execution> page1 = read(tx -> tx.executions().list(both, new Page(1, 2)));
        Page.Result<Execution> page2 = read(tx -> tx.executions().list(both, new Page(2, 2)));
        Page.Result<Execution> page3 = read(tx -> tx.executions().list(both, new Page(3, 2)));

        assertThat(page1.items()).containsExactly(newest, middle);
        assertThat(page2.items()).containsExactly(high, low);
        assertThat(page3.items()).containsExactly(oldest);
        assertThat(List.of(page1.total(), page2.total(), page3.total())).containsOnly(5L);
        assertThat(page2.hasNext()).isTrue();
        assertThat(page3.hasNext()).isFalse();
        assertThat(list(new Filter(List.of(other), null, null, null, null))).containsExactly(newest, low, oldest);
        assertThat(list(new Filter(null, null, null, t, t.plusSeconds(1))).stream().filter(List.of(high, low)::contains))
                .as("every workspace, the same tie").containsExactly(high, low);
    }

    @Test
    default void retentionDeletesEndedExecutionsWithTheirStepRuns() {
        Execution old1 = ended(execution(UUID.randomUUID(), UUID.randomUUID(), inYear(2001)), ExecutionStatus.COMPLETED,
                inYear(2001).plusSeconds(1));
        Execution old2 = ended(execution(UUID.randomUUID(), UUID.randomUUID(), inYear(2001).plusSeconds(1)), ExecutionStatus.FAILED,
                inYear(2001).plusSeconds(2));
        Execution old3 = ended(execution(UUID.randomUUID(), UUID.randomUUID(), inYear(2001).plusSeconds(2)), ExecutionStatus.SUSPENDED,
                inYear(2001).plusSeconds(3));
        Execution stillRunning = execution(UUID.randomUUID(), UUID.randomUUID(), inYear(2001));
        Execution endedLater = ended(execution(UUID.randomUUID(), UUID.randomUUID(), inYear(2001)), ExecutionStatus.COMPLETED,
                inYear(2002));
        UUID message = UUID.randomUUID();
        run(tx -> {
            List.of(old1, old2, old3, stillRunning, endedLater).forEach(tx.executions()::insertIfAbsent);
            tx.executions().recordAttempt(attempt(old1, message, null, 1, StepRunStatus.SUCCEEDED, json("{}"), null));
        });
        Instant cutoff = inYear(2001).plusSeconds(3_600);

        assertThat(tx((StoreTx tx) -> tx.executions().deleteEndedBefore(cutoff, 2))).isEqualTo(2);
        assertThat(read((StoreTx tx) -> tx.executions().find(old3.id()))).as("the first started go first").isPresent();
        assertThat(tx((StoreTx tx) -> tx.executions().deleteEndedBefore(cutoff, 2))).isEqualTo(1);
        assertThat(tx((StoreTx tx) -> tx.executions().deleteEndedBefore(cutoff, 2))).isZero();

        for (Execution gone : List.of(old1, old2, old3)) {
            assertThat(read((StoreTx tx) -> tx.executions().find(gone.id()))).isEmpty();
        }
        assertThat(read((StoreTx tx) -> tx.executions().stepRuns(old1.id()))).isEmpty();
        assertThat(read((StoreTx tx) -> tx.executions().emittedBy(message, 1))).isEmpty();
        assertThat(read((StoreTx tx) -> tx.executions().find(stillRunning.id()))).contains(stillRunning);
        assertThat(read((StoreTx tx) -> tx.executions().find(endedLater.id()))).contains(endedLater);
    }

    @Test
    default void retentionForgetsOldStepInputsButKeepsTheAttempts() {
        Execution execution = execution(UUID.randomUUID(), UUID.randomUUID(), inYear(1999));
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        AttemptRecord oldAttempt = attempt(execution, old, null, 1, StepRunStatus.SUCCEEDED, json("{\"secret\":1}"), null,
                inYear(1999));
        AttemptRecord recentAttempt = attempt(execution, recent, old, 1, StepRunStatus.SUCCEEDED, json("{\"kept\":1}"), null,
                now());
        run(tx -> {
            tx.executions().insertIfAbsent(execution);
            tx.executions().recordAttempt(oldAttempt);
            tx.executions().recordAttempt(recentAttempt);
        });

        assertThat(tx((StoreTx tx) -> tx.executions().dropInputsBefore(inYear(2000), 100))).isEqualTo(1);
        assertThat(tx((StoreTx tx) -> tx.executions().dropInputsBefore(inYear(2000), 100))).isZero();

        List<StepRun> runs = read(tx -> tx.executions().stepRuns(execution.id()));
        assertThat(runs).extracting(StepRun::messageId).containsExactly(old, recent);
        assertThat(runs.get(0).input()).isNull();
        assertThat(runs.get(0).attempts()).containsExactly(oldAttempt.attempt());
        assertThat(runs.get(1).input()).isEqualTo(recentAttempt.input());
    }

    private static Execution withId(Execution e, UUID id) {
        return new Execution(id, e.flowId(), e.workspaceId(), e.flowVersion(), e.status(), e.requestId(), e.correlationId(),
                e.startedAt(), e.endedAt(), e.stepCount(), e.pending(), e.failedSteps());
    }

    private List<Execution> list(Filter filter) {
        return read(tx -> tx.executions().list(filter, new Page(1, Page.MAX_SIZE))).items();
    }

    private static AttemptRecord attempt(Execution execution, UUID messageId, UUID parent, int number, StepRunStatus status,
                                         com.fasterxml.jackson.databind.JsonNode input,
                                         com.fasterxml.jackson.databind.JsonNode emitted) {
        return attempt(execution, messageId, parent, number, status, input, emitted, execution.startedAt().plusSeconds(number));
    }

    private static AttemptRecord attempt(Execution execution, UUID messageId, UUID parent, int number, StepRunStatus status,
                                         com.fasterxml.jackson.databind.JsonNode input,
                                         com.fasterxml.jackson.databind.JsonNode emitted, Instant startedAt) {
        StepError error = status == StepRunStatus.SUCCEEDED ? null
                : new StepError("HttpError", "attempt " + number + " failed", "at step(" + number + ")");
        StepAttempt attempt = new StepAttempt(number, status, error, startedAt, startedAt.plusMillis(250));
        return new AttemptRecord(messageId, execution.id(), "step-" + messageId, parent, input, attempt, emitted);
    }
}
