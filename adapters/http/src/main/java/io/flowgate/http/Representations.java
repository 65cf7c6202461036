package io.flowgate.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.Json;
import io.flowgate.core.component.ComponentRegistration;
import io.flowgate.core.credential.Credential;
import io.flowgate.core.port.DeadLetters;
import io.flowgate.core.recipe.Recipe;
import io.flowgate.runtime.component.ComponentFunction;
import io.flowgate.services.components.ComponentView;
import java.util.Base64;
import java.util.Locale;
import io.flowgate.core.Timestamps;
import io.flowgate.core.event.StoredEvent;
import io.flowgate.core.execution.Execution;
import io.flowgate.core.execution.StepAttempt;
import io.flowgate.core.execution.StepRun;
import io.flowgate.core.flow.Flow;
import io.flowgate.core.flow.FlowGraphJson;
import io.flowgate.core.workspace.Member;
import io.flowgate.core.workspace.Role;
import io.flowgate.core.workspace.User;
import io.flowgate.core.workspace.Workspace;
import io.flowgate.services.executions.ExecutionService;
import java.time.Instant;

/** How each resource looks in the API. */
public final class Representations {

    private Representations() {
    }

    public static ObjectNode user(User user) {
        ObjectNode attributes = Json.object().put("email", user.email()).put("name", user.name())
                .put("admin", user.admin()).put("created_at", time(user.createdAt()));
        return JsonApi.resource("user", user.id(), attributes);
    }

    public static ObjectNode workspace(Workspace workspace) {
        ObjectNode attributes = Json.object().put("name", workspace.name())
                .put("created_at", time(workspace.createdAt())).put("updated_at", time(workspace.updatedAt()));
        return JsonApi.resource("workspace", workspace.id(), attributes);
    }

    public static ObjectNode member(Member member) {
        ObjectNode attributes = Json.object();
        ArrayNode roles = attributes.putArray("roles");
        member.roles().stream().map(Role::wire).sorted().forEach(roles::add);
        attributes.put("created_at", time(member.createdAt()));
        ObjectNode resource = JsonApi.resource("member", member.userId(), attributes);
        JsonApi.relate(resource, "user", "user", member.userId());
        return JsonApi.relate(resource, "workspace", "workspace", member.workspaceId());
    }

    /** A credential without its keys: their names only. */
    public static ObjectNode credential(Credential credential) {
        ObjectNode attributes = Json.object().put("name", credential.name()).put("type", credential.type().wire());
        ArrayNode names = attributes.putArray("key_names");
        credential.keyNames().forEach(names::add);
        attributes.put("created_at", time(credential.createdAt())).put("updated_at", time(credential.updatedAt()));
        ObjectNode resource = JsonApi.resource("credential", credential.id(), attributes);
        return JsonApi.relate(resource, "workspace", "workspace", credential.workspaceId());
    }

    public static ObjectNode recipe(Recipe recipe) {
        ObjectNode attributes = Json.object().put("name", recipe.name()).put("description", recipe.description());
        attributes.set("graph", recipe.graph());
        attributes.set("parameters", recipe.parameters());
        attributes.put("created_at", time(recipe.createdAt())).put("updated_at", time(recipe.updatedAt()));
        ObjectNode resource = JsonApi.resource("recipe", recipe.id(), attributes);
        return JsonApi.relate(resource, "workspace", "workspace", recipe.workspaceId());
    }

    /**
     * A component with its functions and their field schemas. A built-in one has its component id as id;
     * one a workspace registered has the registration's id, and its jar and workspace.
     */
    public static ObjectNode component(ComponentView component) {
        ObjectNode attributes = Json.object().put("name", component.componentId()).put("built_in", component.builtIn());
        ArrayNode functions = attributes.putArray("functions");
        for (ComponentFunction function : component.functionList()) {
            ObjectNode json = functions.addObject();
            json.put("name", function.function());
            json.put("kind", function.kind().name().toLowerCase(Locale.ROOT));
            json.put("description", function.description());
            json.set("fields_schema", component.functions().schema(function));
        }
        if (component.builtIn()) {
            return JsonApi.resource("component", component.componentId(), attributes);
        }
        ComponentRegistration registration = component.registration();
        attributes.put("component_id", registration.componentId()).put("jar", registration.jar())
                .put("description", registration.description()).put("created_at", time(registration.createdAt()));
        ObjectNode resource = JsonApi.resource("component", registration.id(), attributes);
        return JsonApi.relate(resource, "workspace", "workspace", registration.workspaceId());
    }

    /** A dead letter: its payload as JSON when it is JSON, else as base64. */
    public static ObjectNode deadLetter(DeadLetters.DeadLetter letter) {
        ObjectNode attributes = Json.object().put("source", letter.source()).put("reason", letter.reason());
        if (letter.flowId() != null) {
            attributes.put("flow_id", letter.flowId().toString());
        }
        if (letter.messageId() != null) {
            attributes.put("message_id", letter.messageId());
        }
        try {
            attributes.set("payload", Json.parse(letter.payload()));
        } catch (FlowgateException e) {
            attributes.put("payload_base64", Base64.getEncoder().encodeToString(letter.payload()));
        }
        attributes.put("created_at", time(letter.createdAt()));
        return JsonApi.resource("dead-letter", letter.id(), attributes);
    }

    public static ObjectNode flow(Flow flow) {
        ObjectNode attributes = Json.object()
                .put("name", flow.name())
                .put("type", flow.type().wire())
                .put("status", flow.status().wire())
                .put("version", flow.version());
        attributes.set("graph", FlowGraphJson.write(flow.graph()));
        attributes.put("cron", flow.cron());
        attributes.put("created_at", time(flow.createdAt())).put("updated_at", time(flow.updatedAt()));
        ObjectNode resource = JsonApi.resource("flow", flow.id(), attributes);
        resource.putObject("links").put("webhook", "/hook/" + flow.id());
        return JsonApi.relate(resource, "workspace", "workspace", flow.workspaceId());
    }

    public static ObjectNode flowVersion(Flow flow) {
        ObjectNode resource = flow(flow);
        resource.put("id", flow.id() + ":" + flow.version());
        resource.put("type", "flow-version");
        ((ObjectNode) resource.get("attributes")).remove("status");
        return resource;
    }

    public static ObjectNode execution(Execution execution) {
        ObjectNode attributes = Json.object()
                .put("status", execution.status().wire())
                .put("flow_version", execution.flowVersion())
                .put("started_at", time(execution.startedAt()))
                .put("ended_at", time(execution.endedAt()));
        if (execution.durationMillis() != null) {
            attributes.put("duration", execution.durationMillis());
        }
        attributes.put("step_count", execution.stepCount());
        attributes.put("pending", execution.pending());
        attributes.put("request_id", execution.requestId() == null ? null : execution.requestId().toString());
        attributes.put("correlation_id", execution.correlationId());
        ObjectNode resource = JsonApi.resource("execution", execution.id(), attributes);
        JsonApi.relate(resource, "flow", "flow", execution.flowId());
        return JsonApi.relate(resource, "workspace", "workspace", execution.workspaceId());
    }

    public static ObjectNode executionDetails(ExecutionService.Details details) {
        ObjectNode resource = execution(details.execution());
        ArrayNode runs = ((ObjectNode) resource.get("attributes")).putArray("step_runs");
        details.stepRuns().forEach(run -> runs.add(stepRun(run)));
        return resource;
    }

    private static ObjectNode stepRun(StepRun run) {
        ObjectNode json = Json.object()
                .put("message_id", run.messageId().toString())
                .put("parent_message_id", run.parentMessageId() == null ? null : run.parentMessageId().toString())
                .put("step_id", run.stepId())
                .put("status", run.status().wire())
                .put("emitted", run.emitted())
                .put("started_at", time(run.startedAt()))
                .put("ended_at", time(run.endedAt()));
        json.set("input", run.input());
        ArrayNode attempts = json.putArray("attempts");
        run.attempts().forEach(attempt -> attempts.add(attempt(attempt)));
        return json;
    }

    private static ObjectNode attempt(StepAttempt attempt) {
        ObjectNode json = Json.object()
                .put("attempt", attempt.attempt())
                .put("status", attempt.status().wire())
                .put("started_at", time(attempt.startedAt()))
                .put("ended_at", time(attempt.endedAt()));
        if (attempt.error() != null) {
            json.putObject("error").put("name", attempt.error().name()).put("message", attempt.error().message())
                    .put("stack", attempt.error().stack());
        }
        return json;
    }

    public static ObjectNode event(StoredEvent event) {
        ObjectNode json = Json.object();
        json.put("cursor", String.valueOf(event.cursor()));
        json.put("channel", event.channel().value());
        json.put("name", event.name());
        json.putRawValue("payload", new RawValue(event.payloadJson()));
        return json;
    }

    static String time(Instant instant) {
        return instant == null ? null : Timestamps.format(instant);
    }
}
