package io.flowgate.core.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowgate.core.FlowgateException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class PermissionsTest {

    /** The table as the contract and the docs state it: guests read; integrators build; admins manage; owners delete and manage owners. */
    private static final Map<Role, Set<Action>> EXPECTED = Map.of(
            Role.GUEST, EnumSet.of(Action.READ),
            Role.INTEGRATOR, EnumSet.of(Action.READ, Action.WRITE_FLOWS, Action.RUN_FLOWS, Action.WRITE_CREDENTIALS,
                    Action.WRITE_TOPICS, Action.PUBLISH_TOPICS, Action.WRITE_RECIPES, Action.WRITE_SUBSCRIPTIONS,
                    Action.WRITE_COMPONENTS, Action.RETRY_EXECUTIONS, Action.RETRY_DEAD_LETTERS),
            Role.ADMIN, EnumSet.complementOf(EnumSet.of(Action.DELETE_WORKSPACE, Action.MANAGE_OWNERS)),
            Role.OWNER, EnumSet.allOf(Action.class));

    static Stream<Arguments> everyRoleAndAction() {
        List<Arguments> cases = new ArrayList<>();
        for (Role role : Role.values()) {
            for (Action action : Action.values()) {
                cases.add(Arguments.of(role, action, EXPECTED.get(role).contains(action)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} may {1}: {2}")
    @MethodSource("everyRoleAndAction")
    void theTable(Role role, Action action, boolean allowed) {
        assertThat(Permissions.allows(Set.of(role), action)).isEqualTo(allowed);
    }

    @Test
    void severalRolesAllowWhatAnyOfThemAllows() {
        assertThat(Permissions.allows(Set.of(Role.GUEST, Role.ADMIN), Action.MANAGE_MEMBERS)).isTrue();
        assertThat(Permissions.allows(Set.of(Role.GUEST, Role.INTEGRATOR), Action.MANAGE_MEMBERS)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Action.class)
    void noRoleAllowsNothing(Action action) {
        assertThat(Permissions.allows(Set.of(), action)).isFalse();
    }

    @Test
    void aMemberMayWhatItsRolesAllow() {
        Member guest = new Member(UUID.randomUUID(), UUID.randomUUID(), Set.of(Role.GUEST), Instant.EPOCH);

        assertThat(guest.may(Action.READ)).isTrue();
        assertThat(guest.may(Action.WRITE_FLOWS)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void rolesHaveLowerCaseWireNames(Role role) {
        assertThat(Role.fromWire(role.wire())).isEqualTo(role);
        assertThat(role.wire()).isLowerCase();
    }

    @Test
    void anUnknownRoleIsBadInput() {
        assertThatThrownBy(() -> Role.fromWire("superuser"))
                .isInstanceOfSatisfying(FlowgateException.class,
                        e -> assertThat(e.kind()).isEqualTo(FlowgateException.Kind.INVALID_INPUT));
    }
}
