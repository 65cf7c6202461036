package io.flowgate.services.executions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.Json;
import io.flowgate.core.execution.Execution;
import io.flowgate.core.execution.ExecutionStatus;
import io.flowgate.core.execution.StepRun;
import io.flowgate.core.message.StepMessage;
import io.flowgate.core.port.ExecutionRepository;
import io.flowgate.core.port.Page;
import io.flowgate.core.port.Store;
import io.flowgate.core.port.StoreTx;
import io.flowgate.core.workspace.Action;
import io.flowgate.runtime.engine.StepDispatcher;
import io.flowgate.services.auth.Access;
import io.flowgate.services.auth.Caller;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reading executions, and retrying the failed steps of one. */
public final class ExecutionService {

    /** An execution with every step run. */
    public record Details(Execution execution, List<StepRun> stepRuns) {
    }

    private final Store store;
    private final StepDispatcher dispatcher;

    public ExecutionService(Store store, StepDispatcher dispatcher) {
        this.store = store;
        this.dispatcher = dispatcher;
    }

    public Details get(Caller caller, UUID id) {
        return store.read(tx -> {
            Execution execution = readable(tx, caller, id);
            return new Details(execution, tx.executions().stepRuns(id));
        });
    }

    public Page.Result<Execution> list(Caller caller, ExecutionRepository.Filter filter, Page page) {
        return store.read(tx -> {
            List<UUID> readable = Access.readableWorkspaces(tx, caller);
            var scoped = new ExecutionRepository.Filter(readable, filter.flowId(), filter.status(), filter.from(), filter.to());
            return tx.executions().list(scoped, page);
        });
    }

    /**
     * Runs the failed steps of a failed execution again from their stored input; the execution is
     * running again and ends with one more terminal event.
     */
    public Execution retry(Caller caller, UUID id) {
        List<StepMessage> again = new ArrayList<>();
        Execution reopened = store.transact(tx -> {
            Execution execution = readable(tx, caller, id);
            Access.require(tx, caller, execution.workspaceId(), Action.RETRY_EXECUTIONS);
            Execution locked = tx.executions().lock(id).orElseThrow();
            if (locked.status() != ExecutionStatus.FAILED) {
                throw FlowgateException.conflict("Only a failed execution can be retried; this one is " + locked.status().wire());
            }
            for (StepRun run : tx.executions().failedStepRuns(id)) {
                again.add(retryMessage(locked, run));
            }
            if (again.isEmpty()) {
                throw FlowgateException.conflict("The execution has no failed step with a stored input to retry");
            }
            tx.executions().count(id, again.size(), 0, -again.size());
            tx.executions().setStatus(id, ExecutionStatus.RUNNING, null);
            return tx.executions().find(id).orElseThrow();
        });
        dispatcher.sendAll(again).join();
        return reopened;
    }

    private static StepMessage retryMessage(Execution execution, StepRun run) {
        JsonNode input = run.input();
        if (input == null) {
            throw FlowgateException.conflict("The input of step " + run.stepId() + " is no longer kept (retention)");
        }
        int nextAttempt = run.attempts().getLast().attempt() + 1;
        ObjectNode attributes = input.path("attributes").isObject() ? (ObjectNode) input.get("attributes") : Json.object();
        return new StepMessage(run.messageId(), run.parentMessageId(), execution.id(), execution.flowId(),
                execution.workspaceId(), execution.flowVersion(), run.stepId(), nextAttempt, input.path("body"), attributes,
                new StepMessage.TraceContext(execution.requestId(), execution.correlationId(), null));
    }

    private static Execution readable(StoreTx tx, Caller caller, UUID id) {
        Execution execution = tx.executions().find(id)
                .orElseThrow(() -> FlowgateException.notFound("Execution " + id + " does not exist"));
        Access.requireFor(tx, caller, execution.workspaceId(), Action.READ,
                () -> FlowgateException.notFound("Execution " + id + " does not exist"));
        return execution;
    }
}
