package io.flowgate.services.topics;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.FlowgateException.Problem;
import io.flowgate.core.IdGenerator;
import io.flowgate.core.flow.Flow;
import io.flowgate.core.message.TopicMessage;
import io.flowgate.core.port.Page;
import io.flowgate.core.port.Store;
import io.flowgate.core.port.StoreTx;
import io.flowgate.core.port.TopicRepository;
import io.flowgate.core.topic.Topic;
import io.flowgate.core.topic.TopicNames;
import io.flowgate.core.workspace.Action;
import io.flowgate.runtime.component.JsonSchemaCheck;
import io.flowgate.runtime.engine.FlowQueues;
import io.flowgate.runtime.engine.TopicGateway;
import io.flowgate.runtime.topics.TopicDirectory;
import io.flowgate.services.auth.Access;
import io.flowgate.services.auth.Caller;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Topics of a workspace: create, change (every change keeps a version), delete (not while flows use the
 * topic), read with their counters, and publish to them. Integrators and up write and publish; guests read.
 */
public final class TopicService {

    static final int MAX_CORRELATION_ID_LENGTH = 200;
    private static final String NAME = "/data/attributes/name";
    private static final String SCHEMA = "/data/attributes/schema";

    private final Store store;
    private final TopicDirectory directory;
    private final TopicGateway publisher;
    private final FlowQueues queues;
    private final IdGenerator ids;
    private final Clock clock;

    public TopicService(Store store, TopicDirectory directory, TopicGateway publisher, FlowQueues queues, IdGenerator ids,
                        Clock clock) {
        this.store = store;
        this.directory = directory;
        this.publisher = publisher;
        this.queues = queues;
        this.ids = ids;
        this.clock = clock;
    }

    public Topic create(Caller caller, UUID workspaceId, TopicDraft draft) {
        String name = checkName(draft.name());
        JsonNode schema = checkSchema(draft.schema());
        var now = clock.instant();
        Topic topic = new Topic(ids.next(), workspaceId, name, schema, 1, now, now);
        Topic created = store.transact(tx -> {
            Access.require(tx, caller, workspaceId, Action.WRITE_TOPICS);
            requireFreeName(tx, workspaceId, name);
            tx.topics().insert(topic, caller.userId());
            return topic;
        });
        directory.evict(workspaceId, name);
        return created;
    }

    public Page.Result<Topic> list(Caller caller, UUID workspaceId, Page page) {
        return store.read(tx -> {
            Access.require(tx, caller, workspaceId, Action.READ);
            return tx.topics().list(workspaceId, page);
        });
    }

    /** The topic with its counters, its subscribing flows and their backlogs. */
    public TopicDetails get(Caller caller, UUID workspaceId, UUID topicId) {
        record Read(Topic topic, TopicRepository.Counts counts, List<Flow> subscribers) {
        }
        Read read = store.read(tx -> {
            Topic topic = existing(tx, caller, workspaceId, topicId, Action.READ);
            return new Read(topic, tx.topics().counts(topicId), TopicUsers.subscribers(tx, workspaceId, topic.name()));
        });
        var subscriptions = read.subscribers().stream().map(flow -> new TopicDetails.SubscriptionStats(flow.id(), flow.name(),
                flow.isActive(), read.counts().deliveredByFlow().getOrDefault(flow.id(), 0L), backlog(flow.id()))).toList();
        return new TopicDetails(read.topic(), read.counts().published(), subscriptions);
    }

    public Topic update(Caller caller, UUID workspaceId, UUID topicId, TopicDraft draft) {
        String newName = draft.name() == null ? null : checkName(draft.name());
        JsonNode newSchema = draft.schemaGiven() ? checkSchema(draft.schema()) : null;
        Change change = store.transact(tx -> {
            Topic current = existing(tx, caller, workspaceId, topicId, Action.WRITE_TOPICS);
            String name = newName == null ? current.name() : newName;
            JsonNode schema = draft.schemaGiven() ? newSchema : current.schema();
            if (name.equals(current.name()) && Objects.equals(schema, current.schema())) {
                return new Change(current, current);
            }
            if (!name.equals(current.name())) {
                requireUnused(tx, current, "renamed");
                requireFreeName(tx, workspaceId, name);
            }
            Topic changed = current.withDefinition(name, schema, clock.instant());
            tx.topics().update(changed, caller.userId());
            return new Change(current, changed);
        });
        directory.evict(workspaceId, change.previous().name());
        directory.evict(workspaceId, change.current().name());
        return change.current();
    }

    private record Change(Topic previous, Topic current) {
    }

    /** Deletes the topic; CONFLICT, naming them, while flows subscribe or publish to it. */
    public void delete(Caller caller, UUID workspaceId, UUID topicId) {
        Topic deleted = store.transact(tx -> {
            Topic topic = existing(tx, caller, workspaceId, topicId, Action.WRITE_TOPICS);
            requireUnused(tx, topic, "deleted");
            tx.topics().delete(topicId);
            return topic;
        });
        directory.evict(workspaceId, deleted.name());
    }

    public List<Topic> versions(Caller caller, UUID workspaceId, UUID topicId) {
        return store.read(tx -> {
            existing(tx, caller, workspaceId, topicId, Action.READ);
            return tx.topics().versions(topicId);
        });
    }

    /**
     * Publishes {@code data} to the topic named {@code topicName}; returns the TopicMessage once the broker
     * confirmed it. {@code correlationId} (null: the message's id) follows the executions it starts.
     */
    public TopicMessage publish(Caller caller, UUID workspaceId, String topicName, JsonNode data, String correlationId) {
        store.read(tx -> Access.require(tx, caller, workspaceId, Action.PUBLISH_TOPICS));
        if (!TopicNames.isValid(topicName)) {
            throw FlowgateException.notFound("Topic '" + topicName + "' does not exist in this workspace");
        }
        if (correlationId != null && (correlationId.isBlank() || correlationId.length() > MAX_CORRELATION_ID_LENGTH)) {
            throw FlowgateException.invalid("X-Correlation-Id must have 1 to " + MAX_CORRELATION_ID_LENGTH + " characters");
        }
        return publisher.publish(new TopicGateway.Publication(workspaceId, topicName, data, null, null, correlationId));
    }

    private Long backlog(UUID flowId) {
        long depth = queues.backlog(flowId);
        return depth < 0 ? null : depth;
    }

    private static Topic existing(StoreTx tx, Caller caller, UUID workspaceId, UUID topicId, Action action) {
        Access.require(tx, caller, workspaceId, action);
        return tx.topics().find(topicId).filter(topic -> topic.workspaceId().equals(workspaceId))
                .orElseThrow(() -> FlowgateException.notFound("Topic " + topicId + " does not exist"));
    }

    private static void requireFreeName(StoreTx tx, UUID workspaceId, String name) {
        if (tx.topics().findByName(workspaceId, name).isPresent()) {
            throw FlowgateException.conflict("A topic named '" + name + "' already exists in this workspace");
        }
    }

    private static void requireUnused(StoreTx tx, Topic topic, String change) {
        List<Flow> users = TopicUsers.of(tx, topic.workspaceId(), topic.name());
        if (!users.isEmpty()) {
            throw FlowgateException.conflict("Topic '" + topic.name() + "' cannot be " + change + " while flows use it: "
                    + users.stream().map(flow -> "'" + flow.name() + "' (" + flow.id() + ")").collect(Collectors.joining(", ")));
        }
    }

    private static String checkName(String name) {
        if (name == null) {
            throw FlowgateException.invalid("attributes.name is required");
        }
        TopicNames.problem(name).ifPresent(problem -> {
            throw FlowgateException.unprocessable("Invalid topic name", List.of(Problem.at(NAME, problem)));
        });
        return name;
    }

    /** A schema must be a valid JSON Schema; null (no schema) is fine. */
    private static JsonNode checkSchema(JsonNode schema) {
        if (schema == null || schema.isNull()) {
            return null;
        }
        JsonSchemaCheck.compileDeclared(schema, SCHEMA);
        return schema;
    }
}
