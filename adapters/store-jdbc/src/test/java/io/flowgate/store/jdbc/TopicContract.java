package io.flowgate.store.jdbc;

import static io.flowgate.store.jdbc.StoreFixtures.now;
import static io.flowgate.store.jdbc.StoreFixtures.user;
import static io.flowgate.store.jdbc.StoreFixtures.workspace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.Json;
import io.flowgate.core.flow.Flow;
import io.flowgate.core.flow.FlowEdge;
import io.flowgate.core.flow.FlowGraph;
import io.flowgate.core.flow.FlowNode;
import io.flowgate.core.flow.FlowStatus;
import io.flowgate.core.flow.FlowType;
import io.flowgate.core.port.Page;
import io.flowgate.core.port.StoreTx;
import io.flowgate.core.port.TopicRepository;
import io.flowgate.core.port.TopicRepository.Subscription;
import io.flowgate.core.topic.Topic;
import io.flowgate.core.workspace.User;
import io.flowgate.core.workspace.Workspace;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Topics: unique names per workspace, versions, and counters added to from several writers. */
interface TopicContract extends StoreAccess {

    @Test
    default void aTopicIsFoundByIdAndByNameInItsWorkspaceOnly() {
        Workspace workspace = newWorkspace();
        Workspace other = newWorkspace();
        Topic topic = topic(workspace, "orders.created", Json.parse("{\"type\":\"object\"}"));
        run(tx -> tx.topics().insert(topic, null));

        assertThat(read((StoreTx tx) -> tx.topics().find(topic.id()))).contains(topic);
        assertThat(read((StoreTx tx) -> tx.topics().findByName(workspace.id(), "orders.created"))).contains(topic);
        assertThat(read((StoreTx tx) -> tx.topics().findByName(other.id(), "orders.created"))).isEmpty();
        run(tx -> tx.topics().insert(topic(other, "orders.created", null), null));
        assertThatThrownBy(() -> run(tx -> tx.topics().insert(topic(workspace, "orders.created", null), null)))
                .isInstanceOfSatisfying(FlowgateException.class, e -> assertThat(e.kind()).isEqualTo(FlowgateException.Kind.CONFLICT));
    }

    @Test
    default void everyChangeKeepsAVersionAndDeletingRemovesThemAll() {
        Workspace workspace = newWorkspace();
        User user = user();
        run(tx -> tx.users().insert(user));
        Topic first = topic(workspace, "orders", Json.parse("{\"type\":\"object\"}"));
        Topic second = first.withDefinition("orders", null, first.createdAt().plusSeconds(1));
        run(tx -> tx.topics().insert(first, user.id()));
        run(tx -> tx.topics().update(second, user.id()));

        assertThat(read((StoreTx tx) -> tx.topics().find(first.id()))).contains(second);
        assertThat(read((StoreTx tx) -> tx.topics().versions(first.id()))).containsExactly(first, second);

        run(tx -> tx.topics().delete(first.id()));
        assertThat(read((StoreTx tx) -> tx.topics().find(first.id()))).isEmpty();
        assertThat(read((StoreTx tx) -> tx.topics().versions(first.id()))).isEmpty();
    }

    @Test
    default void aWorkspaceListsItsTopicsByNameInPages() {
        Workspace workspace = newWorkspace();
        run(tx -> List.of("c", "a", "b").forEach(name -> tx.topics().insert(topic(workspace, name, null), null)));

        Page.Result<Topic> page = read((StoreTx tx) -> tx.topics().list(workspace.id(), new Page(1, 2)));

        assertThat(page.items()).extracting(Topic::name).containsExactly("a", "b");
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.hasNext()).isTrue();
    }

    @Test
    default void countersAddUpAcrossConcurrentWritersAndGoWithTheTopic() {
        Topic topic = storedTopic("orders");
        UUID flow = UUID.randomUUID();
        UUID gone = UUID.randomUUID();

        CompletableFuture.allOf(IntStream.range(0, 8).mapToObj(i -> CompletableFuture.runAsync(() -> run(tx -> {
            tx.topics().addPublished(Map.of(topic.id(), 2L, gone, 5L));
            tx.topics().addDelivered(Map.of(new Subscription(topic.id(), flow), 3L, new Subscription(gone, flow), 1L));
        }))).toArray(CompletableFuture[]::new)).join();

        TopicRepository.Counts counts = read((StoreTx tx) -> tx.topics().counts(topic.id()));
        assertThat(counts.published()).isEqualTo(16);
        assertThat(counts.deliveredByFlow()).isEqualTo(Map.of(flow, 24L));
        assertThat(read((StoreTx tx) -> tx.topics().counts(gone))).isEqualTo(new TopicRepository.Counts(0, Map.of()));
        run(tx -> tx.topics().delete(topic.id()));
        assertThat(read((StoreTx tx) -> tx.topics().counts(topic.id()))).isEqualTo(new TopicRepository.Counts(0, Map.of()));
    }

    @Test
    default void clientMessageIdsCountOnceUntilForgotten() {
        Topic topic = storedTopic("orders");
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID gone = UUID.randomUUID();
        Instant earlier = now().minusSeconds(3_600);

        Map<UUID, Long> firstNoted = tx((StoreTx tx) -> tx.topics().noteClientMessages(Map.of(topic.id(), Set.of(first), gone, Set.of(first)),
                earlier));
        Map<UUID, Long> thenNoted = tx((StoreTx tx) -> tx.topics().noteClientMessages(Map.of(topic.id(), Set.of(first, second)), now()));

        assertThat(firstNoted).isEqualTo(Map.of(topic.id(), 1L));
        assertThat(thenNoted).as("the first id was noted before").isEqualTo(Map.of(topic.id(), 1L));
        assertThat(tx((StoreTx tx) -> tx.topics().forgetClientMessagesBefore(now().minusSeconds(60), 10))).isEqualTo(1);
        assertThat(tx((StoreTx tx) -> tx.topics().noteClientMessages(Map.of(topic.id(), Set.of(first, second)), now())))
                .as("forgotten, the first id counts again").isEqualTo(Map.of(topic.id(), 1L));
    }

    @Test
    default void flowsMentioningATopicAreFoundInItsWorkspaceOnly() {
        Workspace workspace = newWorkspace();
        Workspace other = newWorkspace();
        Flow subscriber = flowOn(workspace, "subscribe", "orders.created");
        Flow publisher = flowOn(workspace, "publish", "orders.created");
        Flow elsewhere = flowOn(other, "subscribe", "orders.created");
        Flow unrelated = flowOn(workspace, "subscribe", "orders");
        run(tx -> List.of(subscriber, publisher, elsewhere, unrelated).forEach(flow -> tx.flows().insert(flow, null)));

        assertThat(read((StoreTx tx) -> tx.topics().flowsMentioning(workspace.id(), "orders.created")))
                .containsExactlyInAnyOrder(subscriber.id(), publisher.id());
    }

    private static Flow flowOn(Workspace workspace, String function, String topic) {
        FlowNode trigger = function.equals("subscribe")
                ? new FlowNode("in", "topic", "subscribe", Json.object().put("topic", topic), null)
                : new FlowNode("in", "webhook", "receive", Json.object(), null);
        List<FlowNode> nodes = function.equals("subscribe") ? List.of(trigger)
                : List.of(trigger, new FlowNode("out", "topic", "publish", Json.object().put("topic", topic), null));
        List<FlowEdge> edges = nodes.size() == 1 ? List.of() : List.of(new FlowEdge("in", "out"));
        Instant at = now();
        return new Flow(UUID.randomUUID(), workspace.id(), "flow on " + topic, FlowType.ORDINARY, FlowStatus.INACTIVE,
                new FlowGraph(nodes, edges), null, 1, at, at);
    }

    private Workspace newWorkspace() {
        Workspace workspace = workspace(now());
        run(tx -> tx.workspaces().insert(workspace));
        return workspace;
    }

    /** A topic without a schema in a new workspace, stored. */
    private Topic storedTopic(String name) {
        Topic topic = topic(newWorkspace(), name, null);
        run(tx -> tx.topics().insert(topic, null));
        return topic;
    }

    private static Topic topic(Workspace workspace, String name, com.fasterxml.jackson.databind.JsonNode schema) {
        Instant at = now();
        return new Topic(UUID.randomUUID(), workspace.id(), name, schema, 1, at, at);
    }
}
