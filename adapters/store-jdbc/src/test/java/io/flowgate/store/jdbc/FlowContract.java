package io.flowgate.store.jdbc;

import static io.flowgate.store.jdbc.StoreFixtures.flow;
import static io.flowgate.store.jdbc.StoreFixtures.graph;
import static io.flowgate.store.jdbc.StoreFixtures.now;
import static io.flowgate.store.jdbc.StoreFixtures.user;
import static io.flowgate.store.jdbc.StoreFixtures.workspace;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowgate.core.port.StoreTx;
import io.flowgate.core.flow.Flow;
import io.flowgate.core.flow.FlowStatus;
import io.flowgate.core.flow.FlowType;
import io.flowgate.core.port.FlowRepository.Filter;
import io.flowgate.core.port.FlowRepository.Order;
import io.flowgate.core.port.Page;
import io.flowgate.core.workspace.User;
import io.flowgate.core.workspace.Workspace;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Flows and their versions. */
interface FlowContract extends StoreAccess {

    @Test
    default void aNewFlowIsItsOwnFirstVersion() {
        Workspace workspace = workspace(now());
        User author = user();
        Flow flow = flow(workspace.id(), "Orders", now());
        run(tx -> {
            tx.workspaces().insert(workspace);
            tx.users().insert(author);
            tx.flows().insert(flow, author.id());
        });

        assertThat(read((StoreTx tx) -> tx.flows().find(flow.id()))).contains(flow);
        assertThat(read((StoreTx tx) -> tx.flows().versions(flow.id()))).containsExactly(flow);
        assertThat(read((StoreTx tx) -> tx.flows().findVersion(flow.id(), 1))).contains(flow);
        assertThat(read((StoreTx tx) -> tx.flows().findVersion(flow.id(), 2))).isEmpty();
        assertThat(read((StoreTx tx) -> tx.flows().find(UUID.randomUUID()))).isEmpty();
    }

    @Test
    default void everyNewDefinitionIsKeptAsAVersionWithTheCurrentStatus() {
        Workspace workspace = workspace(now());
        Flow v1 = flow(workspace.id(), "Orders", now());
        run(tx -> {
            tx.workspaces().insert(workspace);
            tx.flows().insert(v1, null);
        });
        Instant later = v1.createdAt().plusSeconds(30);
        Flow v2 = v1.withDefinition("Orders v2", FlowType.LONG_RUNNING, graph("$.total"), "*/5 * * * *", later);
        run(tx -> tx.flows().update(v2, true, null));
        Flow started = v2.withStatus(FlowStatus.ACTIVE, later.plusSeconds(30));
        run(tx -> tx.flows().update(started, false, null));

        assertThat(read((StoreTx tx) -> tx.flows().find(v1.id()))).contains(started);
        assertThat(read((StoreTx tx) -> tx.flows().versions(v1.id()))).extracting(Flow::version).containsExactly(1, 2);
        Flow oldVersion = read(tx -> tx.flows().findVersion(v1.id(), 1)).orElseThrow();
        assertThat(oldVersion.name()).isEqualTo("Orders");
        assertThat(oldVersion.type()).isEqualTo(FlowType.ORDINARY);
        assertThat(oldVersion.graph()).isEqualTo(v1.graph());
        assertThat(oldVersion.cron()).isNull();
        assertThat(oldVersion.status()).as("a version has the flow's current status").isEqualTo(FlowStatus.ACTIVE);
        assertThat(oldVersion.updatedAt()).as("when the version was made").isEqualTo(v1.updatedAt());
        Flow newVersion = read(tx -> tx.flows().findVersion(v1.id(), 2)).orElseThrow();
        assertThat(newVersion.graph()).isEqualTo(v2.graph());
        assertThat(newVersion.cron()).isEqualTo("*/5 * * * *");
        assertThat(newVersion.updatedAt()).isEqualTo(later);
    }

    @Test
    default void flowsAreListedByWorkspaceStatusAndNameInPages() {
        Workspace workspace = workspace(now());
        Workspace other = workspace(now());
        Instant t = now();
        Flow alpha = flow(workspace.id(), "Alpha orders", t);
        Flow beta = flow(workspace.id(), "Beta", t.plusSeconds(1)).withStatus(FlowStatus.ACTIVE, t.plusSeconds(1));
        Flow alphaShipping = flow(workspace.id(), "shipping ALPHA", t.plusSeconds(2));
        Flow elsewhere = flow(other.id(), "Alpha elsewhere", t);
        run(tx -> {
            tx.workspaces().insert(workspace);
            tx.workspaces().insert(other);
            for (Flow f : new Flow[] {alphaShipping, elsewhere, beta, alpha}) {
                tx.flows().insert(f, null);
            }
        });

        Page.Result<Flow> page1 = read(tx -> tx.flows().list(new Filter(List.of(workspace.id()), null, null), Order.CREATED, new Page(1, 2)));
        assertThat(page1.items()).containsExactly(alpha, beta);
        assertThat(page1.total()).isEqualTo(3);
        assertThat(page1.hasNext()).isTrue();
        assertThat(read((StoreTx tx) -> tx.flows().list(new Filter(List.of(workspace.id()), null, null), Order.CREATED, new Page(2, 2))).items())
                .containsExactly(alphaShipping);
        assertThat(list(new Filter(List.of(workspace.id()), null, "alpha")).items())
                .containsExactly(alpha, alphaShipping);
        assertThat(list(new Filter(List.of(workspace.id()), FlowStatus.ACTIVE.wire(), null)).items()).containsExactly(beta);
        assertThat(list(new Filter(List.of(workspace.id()), FlowStatus.INACTIVE.wire(), "ALPHA")).total()).isEqualTo(2);
        assertThat(list(new Filter(null, null, "alpha elsewhere")).items())
                .containsExactly(elsewhere);
    }

    @Test
    default void activeListsTheFlowsThatRunNow() {
        Workspace workspace = workspace(now());
        Flow running = flow(workspace.id(), "Running", now()).withStatus(FlowStatus.ACTIVE, now());
        Flow idle = flow(workspace.id(), "Idle", now());
        run(tx -> {
            tx.workspaces().insert(workspace);
            tx.flows().insert(running, null);
            tx.flows().insert(idle, null);
        });
        assertThat(read((StoreTx tx) -> tx.flows().active())).contains(running).doesNotContain(idle);

        run(tx -> tx.flows().update(running.withStatus(FlowStatus.INACTIVE, now()), false, null));
        assertThat(read((StoreTx tx) -> tx.flows().active())).extracting(Flow::id).doesNotContain(running.id(), idle.id());
    }

    @Test
    default void aDeletedFlowAndItsVersionsAreGone() {
        Workspace workspace = workspace(now());
        Flow flow = flow(workspace.id(), "Doomed", now());
        run(tx -> {
            tx.workspaces().insert(workspace);
            tx.flows().insert(flow, null);
            tx.flows().update(flow.withDefinition("Doomed 2", flow.type(), flow.graph(), null, now()), true, null);
        });

        run(tx -> tx.flows().delete(flow.id()));

        assertThat(read((StoreTx tx) -> tx.flows().find(flow.id()))).isEmpty();
        assertThat(read((StoreTx tx) -> tx.flows().versions(flow.id()))).isEmpty();
        assertThat(read((StoreTx tx) -> tx.flows().findVersion(flow.id(), 1))).isEmpty();
    }

    private Page.Result<Flow> list(Filter filter) {
        return read(tx -> tx.flows().list(filter, Order.CREATED, Page.first()));
    }
}
