package io.flowgate.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowgate.core.FlowgateException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelAddressTest {

    private static final UUID FLOW = UUID.fromString("01890a5d-ac96-7b3e-8f2a-0123456789ab");
    private static final UUID WORKSPACE = UUID.fromString("01890a5d-ac96-7c00-9000-000000000001");

    @Test
    void factoriesSpellTheSpecChannels() {
        assertThat(ChannelAddress.flowExecution(FLOW).value()).isEqualTo("flow/" + FLOW + "/execution");
        assertThat(ChannelAddress.flowError(FLOW).value()).isEqualTo("flow/" + FLOW + "/error");
        assertThat(ChannelAddress.workspaceActivity(WORKSPACE).value()).isEqualTo("workspace/" + WORKSPACE + "/activity");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "flow/01890a5d-ac96-7b3e-8f2a-0123456789ab/execution",
            "flow/01890a5d-ac96-7b3e-8f2a-0123456789ab/error",
            "workspace/01890a5d-ac96-7b3e-8f2a-0123456789ab/activity",
            "flow/*/execution",
            "flow/*/error",
            "workspace/*/activity"})
    void patternAcceptsTheSpecChannelsWithAnIdOrAStar(String text) {
        assertThat(ChannelAddress.pattern(text).value()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "flow/*/executions",
            "flow/*",
            "flow/*/error/more",
            "flows/*/error",
            "*/*/error",
            "flow/*/*",
            "flow//error",
            "flow/not-a-uuid/error",
            "flow/01890a5d-ac96-7b3e-8f2a-0123456789a/error",
            "topic/orders",
            "webhook/flow/01890a5d-ac96-7b3e-8f2a-0123456789ab",
            "/flow/*/error",
            "flow/*/error/"})
    void patternRefusesAnythingElse(String text) {
        assertThatThrownBy(() -> ChannelAddress.pattern(text))
                .isInstanceOfSatisfying(FlowgateException.class,
                        e -> assertThat(e.kind()).isEqualTo(FlowgateException.Kind.INVALID_INPUT))
                .hasMessageContaining(text);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void aChannelIsRequired(String text) {
        assertThatThrownBy(() -> ChannelAddress.pattern(text))
                .isInstanceOfSatisfying(FlowgateException.class,
                        e -> assertThat(e.kind()).isEqualTo(FlowgateException.Kind.INVALID_INPUT));
    }

    @Test
    void aStarMatchesAnyOneSegment() {
        ChannelAddress allErrors = ChannelAddress.pattern("flow/*/error");

        assertThat(allErrors.matches(ChannelAddress.flowError(FLOW))).isTrue();
        assertThat(allErrors.matches(ChannelAddress.flowError(UUID.randomUUID()))).isTrue();
        assertThat(allErrors.matches(ChannelAddress.flowExecution(FLOW))).isFalse();
        assertThat(allErrors.matches(ChannelAddress.workspaceActivity(WORKSPACE))).isFalse();
    }

    @Test
    void aConcretePatternMatchesOnlyItself() {
        ChannelAddress one = ChannelAddress.pattern("flow/" + FLOW + "/execution");

        assertThat(one.matches(ChannelAddress.flowExecution(FLOW))).isTrue();
        assertThat(one.matches(ChannelAddress.flowExecution(WORKSPACE))).isFalse();
        assertThat(one.matches(new ChannelAddress("flow/" + FLOW + "/execution/extra"))).isFalse();
        assertThat(one.isWildcard()).isFalse();
        assertThat(ChannelAddress.pattern("flow/*/execution").isWildcard()).isTrue();
    }

    @Test
    void anUpperCaseIdInAPatternMatchesTheChannelOfThatId() {
        ChannelAddress upper = ChannelAddress.pattern("flow/" + FLOW.toString().toUpperCase() + "/error");

        assertThat(upper.value()).isEqualTo("flow/" + FLOW + "/error");
        assertThat(upper.matches(ChannelAddress.flowError(FLOW))).isTrue();
    }

    @Test
    void routingKeyJoinsSegmentsWithDots() {
        assertThat(ChannelAddress.flowExecution(FLOW).routingKey()).isEqualTo("flow." + FLOW + ".execution");
        assertThat(ChannelAddress.workspaceActivity(WORKSPACE).routingKey()).isEqualTo("workspace." + WORKSPACE + ".activity");
        assertThat(ChannelAddress.pattern("flow/*/error").routingKey()).isEqualTo("flow.*.error");
    }

    @Test
    void printsAsItsValue() {
        assertThat(ChannelAddress.flowError(FLOW)).hasToString("flow/" + FLOW + "/error");
    }
}
