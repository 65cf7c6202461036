package io.flowgate.services.recipes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.FlowgateException.Problem;
import io.flowgate.core.IdGenerator;
import io.flowgate.core.event.WorkspaceActivityEvent.ActivityType;
import io.flowgate.core.event.WorkspaceActivityEvent.ResourceType;
import io.flowgate.core.flow.Flow;
import io.flowgate.core.port.Page;
import io.flowgate.core.port.Store;
import io.flowgate.core.port.StoreTx;
import io.flowgate.core.recipe.Recipe;
import io.flowgate.core.workspace.Action;
import io.flowgate.services.ActivityLog;
import io.flowgate.services.Names;
import io.flowgate.services.auth.Access;
import io.flowgate.services.auth.Caller;
import io.flowgate.services.flows.FlowDraft;
import io.flowgate.services.flows.FlowService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Recipes: flow templates of a workspace. Instantiating one fills its placeholders with the given values
 * and creates an inactive flow from the result, checked like any flow.
 */
public final class RecipeService {

    private static final String GRAPH = "/data/attributes/graph";

    private final Store store;
    private final FlowService flows;
    private final ActivityLog activity;
    private final IdGenerator ids;
    private final Clock clock;

    public RecipeService(Store store, FlowService flows, ActivityLog activity, IdGenerator ids, Clock clock) {
        this.store = store;
        this.flows = flows;
        this.activity = activity;
        this.ids = ids;
        this.clock = clock;
    }

    public Recipe create(Caller caller, UUID workspaceId, RecipeDraft draft) {
        store.read(tx -> Access.require(tx, caller, workspaceId, Action.WRITE_RECIPES));
        String name = Names.require(draft.name(), "attributes.name");
        ObjectNode parameters = RecipeParameters.check(draft.parameters());
        ObjectNode graph = checkGraph(draft.graph(), parameters);
        var now = clock.instant();
        Recipe recipe = new Recipe(ids.next(), workspaceId, name, draft.description(), graph, parameters, now, now);
        return store.transact(tx -> {
            Access.require(tx, caller, workspaceId, Action.WRITE_RECIPES);
            tx.recipes().insert(recipe);
            activity.record(tx, workspaceId, ResourceType.RECIPE, ActivityType.CREATED, recipe.id(), caller);
            return recipe;
        });
    }

    public Page.Result<Recipe> list(Caller caller, UUID workspaceId, Page page) {
        return store.read(tx -> {
            Access.require(tx, caller, workspaceId, Action.READ);
            return tx.recipes().list(workspaceId, page);
        });
    }

    public Recipe get(Caller caller, UUID workspaceId, UUID id) {
        return store.read(tx -> {
            Access.require(tx, caller, workspaceId, Action.READ);
            return existing(tx, workspaceId, id);
        });
    }

    public Recipe update(Caller caller, UUID workspaceId, UUID id, RecipeDraft draft) {
        String name = draft.name() == null ? null : Names.require(draft.name(), "attributes.name");
        return store.transact(tx -> {
            Access.require(tx, caller, workspaceId, Action.WRITE_RECIPES);
            Recipe current = existing(tx, workspaceId, id);
            ObjectNode parameters = draft.parameters() == null ? current.parameters() : RecipeParameters.check(draft.parameters());
            ObjectNode graph = checkGraph(draft.graph() == null ? current.graph() : draft.graph(), parameters);
            Recipe changed = new Recipe(id, workspaceId, name == null ? current.name() : name,
                    draft.description() == null ? current.description() : draft.description(), graph, parameters,
                    current.createdAt(), clock.instant());
            tx.recipes().update(changed);
            activity.record(tx, workspaceId, ResourceType.RECIPE, ActivityType.UPDATED, id, caller);
            return changed;
        });
    }

    public void delete(Caller caller, UUID workspaceId, UUID id) {
        store.transact(tx -> {
            Access.require(tx, caller, workspaceId, Action.WRITE_RECIPES);
            existing(tx, workspaceId, id);
            tx.recipes().delete(id);
            activity.record(tx, workspaceId, ResourceType.RECIPE, ActivityType.DELETED, id, caller);
            return null;
        });
    }

    /**
     * Creates an inactive flow from the recipe with {@code values} for its parameters; the flow is named
     * {@code flowName}, or after the recipe when that is null.
     */
    public Flow instantiate(Caller caller, UUID workspaceId, UUID id, String flowName, String flowType, JsonNode values) {
        Recipe recipe = get(caller, workspaceId, id);
        ObjectNode filledValues = RecipeParameters.values(recipe.parameters(), values);
        JsonNode graph = Placeholders.fill(recipe.graph(), filledValues);
        return flows.create(caller, new FlowDraft(workspaceId, flowName == null ? recipe.name() : flowName, flowType, graph, null));
    }

    /** The graph: an object with a non-empty {@code nodes} array, its placeholders naming declared parameters. */
    private static ObjectNode checkGraph(JsonNode graph, ObjectNode parameters) {
        if (graph == null || !graph.isObject() || !graph.path("nodes").isArray() || graph.path("nodes").isEmpty()) {
            throw FlowgateException.unprocessable("Invalid recipe graph",
                    List.of(Problem.at(GRAPH, "graph must be a flow graph: an object with a non-empty nodes array and edges")));
        }
        Set<String> declared = new HashSet<>();
        parameters.fieldNames().forEachRemaining(declared::add);
        List<Problem> problems = new ArrayList<>(Placeholders.undeclared(graph, declared, GRAPH));
        if (!problems.isEmpty()) {
            throw FlowgateException.unprocessable("Invalid recipe graph", problems);
        }
        return (ObjectNode) graph;
    }

    private static Recipe existing(StoreTx tx, UUID workspaceId, UUID id) {
        return tx.recipes().find(workspaceId, id)
                .orElseThrow(() -> FlowgateException.notFound("Recipe " + id + " does not exist"));
    }
}
