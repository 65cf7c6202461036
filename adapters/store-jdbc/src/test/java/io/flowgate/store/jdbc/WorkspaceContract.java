package io.flowgate.store.jdbc;

import static io.flowgate.store.jdbc.StoreFixtures.now;
import static io.flowgate.store.jdbc.StoreFixtures.user;
import static io.flowgate.store.jdbc.StoreFixtures.workspace;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowgate.core.port.StoreTx;
import io.flowgate.core.port.Page;
import io.flowgate.core.workspace.Member;
import io.flowgate.core.workspace.Role;
import io.flowgate.core.workspace.User;
import io.flowgate.core.workspace.Workspace;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Workspaces and their members. */
interface WorkspaceContract extends StoreAccess {

    @Test
    default void aWorkspaceIsInsertedUpdatedAndDeleted() {
        Workspace workspace = workspace(now());
        run(tx -> tx.workspaces().insert(workspace));
        assertThat(read((StoreTx tx) -> tx.workspaces().find(workspace.id()))).contains(workspace);

        Workspace renamed = new Workspace(workspace.id(), "Renamed", workspace.createdAt(), now().plusSeconds(1));
        run(tx -> tx.workspaces().update(renamed));
        assertThat(read((StoreTx tx) -> tx.workspaces().find(workspace.id()))).contains(renamed);

        run(tx -> tx.workspaces().delete(workspace.id()));
        assertThat(read((StoreTx tx) -> tx.workspaces().find(workspace.id()))).isEmpty();
    }

    @Test
    default void aUserListsOnlyTheirWorkspacesOldestFirstInPages() {
        User user = user();
        Instant t = now();
        Workspace first = workspace(t);
        Workspace second = workspace(t.plusSeconds(1));
        Workspace third = workspace(t.plusSeconds(2));
        Workspace notTheirs = workspace(t.plusSeconds(3));
        run(tx -> {
            tx.users().insert(user);
            for (Workspace w : new Workspace[] {third, notTheirs, first, second}) {
                tx.workspaces().insert(w);
            }
            for (Workspace w : new Workspace[] {first, second, third}) {
                tx.workspaces().putMember(new Member(w.id(), user.id(), Set.of(Role.INTEGRATOR), t));
            }
        });

        Page.Result<Workspace> page1 = read(tx -> tx.workspaces().list(user.id(), new Page(1, 2)));
        Page.Result<Workspace> page2 = read(tx -> tx.workspaces().list(user.id(), new Page(2, 2)));

        assertThat(page1.items()).containsExactly(first, second);
        assertThat(page1.total()).isEqualTo(3);
        assertThat(page1.hasNext()).isTrue();
        assertThat(page2.items()).containsExactly(third);
        assertThat(page2.hasNext()).isFalse();
        Page.Result<Workspace> all = read(tx -> tx.workspaces().list(null, new Page(1, Page.MAX_SIZE)));
        assertThat(all.total()).isGreaterThanOrEqualTo(4);
        assertThat(all.items()).contains(first, second, third, notTheirs);
    }

    @Test
    default void membersKeepTheirRolesAndPuttingAgainReplacesThem() {
        User user = user();
        Workspace workspace = workspace(now());
        Member member = new Member(workspace.id(), user.id(), Set.of(Role.OWNER, Role.INTEGRATOR), now());
        run(tx -> {
            tx.users().insert(user);
            tx.workspaces().insert(workspace);
            tx.workspaces().putMember(member);
        });
        assertThat(read((StoreTx tx) -> tx.workspaces().member(workspace.id(), user.id()))).contains(member);

        run(tx -> tx.workspaces().putMember(new Member(workspace.id(), user.id(), Set.of(Role.GUEST), now().plusSeconds(5))));

        Member changed = read(tx -> tx.workspaces().member(workspace.id(), user.id())).orElseThrow();
        assertThat(changed.roles()).containsExactly(Role.GUEST);
        assertThat(changed.createdAt()).as("a member keeps the time they joined").isEqualTo(member.createdAt());
        assertThat(read((StoreTx tx) -> tx.workspaces().members(workspace.id()))).containsExactly(changed);
        assertThat(read((StoreTx tx) -> tx.workspaces().member(workspace.id(), UUID.randomUUID()))).isEmpty();
    }

    @Test
    default void membersAreListedOldestFirstAndEveryRoleRoundTrips() {
        Workspace workspace = workspace(now());
        User owner = user();
        User guest = user();
        Member ownerMember = new Member(workspace.id(), owner.id(), Set.of(Role.values()), now());
        Member guestMember = new Member(workspace.id(), guest.id(), Set.of(), now().plusSeconds(1));
        run(tx -> {
            tx.workspaces().insert(workspace);
            tx.users().insert(owner);
            tx.users().insert(guest);
            tx.workspaces().putMember(guestMember);
            tx.workspaces().putMember(ownerMember);
        });

        assertThat(read((StoreTx tx) -> tx.workspaces().members(workspace.id()))).containsExactly(ownerMember, guestMember);
    }

    @Test
    default void workspaceIdsOfFollowMembership() {
        User user = user();
        Workspace a = workspace(now());
        Workspace b = workspace(now());
        Workspace other = workspace(now());
        run(tx -> {
            tx.users().insert(user);
            tx.workspaces().insert(a);
            tx.workspaces().insert(b);
            tx.workspaces().insert(other);
            tx.workspaces().putMember(new Member(a.id(), user.id(), Set.of(Role.ADMIN), now()));
            tx.workspaces().putMember(new Member(b.id(), user.id(), Set.of(Role.GUEST), now()));
        });
        assertThat(read((StoreTx tx) -> tx.workspaces().workspaceIdsOf(user.id()))).containsExactlyInAnyOrder(a.id(), b.id());

        run(tx -> tx.workspaces().deleteMember(a.id(), user.id()));
        assertThat(read((StoreTx tx) -> tx.workspaces().workspaceIdsOf(user.id()))).containsExactly(b.id());
        assertThat(read((StoreTx tx) -> tx.workspaces().member(a.id(), user.id()))).isEmpty();

        run(tx -> tx.workspaces().delete(b.id()));
        assertThat(read((StoreTx tx) -> tx.workspaces().workspaceIdsOf(user.id()))).as("a deleted workspace has no members").isEmpty();
        assertThat(read((StoreTx tx) -> tx.workspaces().workspaceIdsOf(UUID.randomUUID()))).isEmpty();
    }
}
