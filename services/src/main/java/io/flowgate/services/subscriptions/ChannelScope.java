package io.flowgate.services.subscriptions;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.event.ChannelAddress;
import io.flowgate.core.port.StoreTx;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The channels a subscription of a workspace may name: {@code flow/<flowId>/execution|error} for a flow of
 * that workspace (or {@code *} for all its flows) and {@code workspace/<its id>/activity}.
 */
final class ChannelScope {

    static final int MAX_CHANNELS = 50;

    private ChannelScope() {
    }

    /** The channels as patterns, without repeats; a channel outside the workspace is UNPROCESSABLE. */
    static List<ChannelAddress> check(StoreTx tx, UUID workspaceId, List<String> channels) {
        if (channels == null || channels.isEmpty()) {
            throw FlowgateException.invalid("attributes.channels must name at least one channel, e.g. flow/*/error");
        }
        if (channels.size() > MAX_CHANNELS) {
            throw FlowgateException.invalid("attributes.channels may name at most " + MAX_CHANNELS + " channels");
        }
        Set<ChannelAddress> patterns = new LinkedHashSet<>();
        List<FlowgateException.Problem> problems = new ArrayList<>();
        for (int i = 0; i < channels.size(); i++) {
            ChannelAddress pattern = ChannelAddress.pattern(channels.get(i));
            String pointer = "/data/attributes/channels/" + i;
            outside(tx, workspaceId, pattern).ifPresent(detail -> problems.add(FlowgateException.Problem.at(pointer, detail)));
            patterns.add(pattern);
        }
        if (!problems.isEmpty()) {
            throw FlowgateException.unprocessable("A subscription only takes channels of its own workspace", problems);
        }
        return List.copyOf(patterns);
    }

    /** Why the pattern is outside the workspace, or empty when it is inside. */
    private static Optional<String> outside(StoreTx tx, UUID workspaceId, ChannelAddress pattern) {
        String[] segments = pattern.segments();
        String id = segments[1];
        if (segments[0].equals("workspace")) {
            return id.equals(workspaceId.toString()) ? Optional.empty()
                    : Optional.of("Channel " + pattern + " is not this workspace's activity channel (workspace/" + workspaceId + "/activity)");
        }
        if (id.equals("*")) {
            return Optional.empty();
        }
        boolean ours = tx.flows().find(UUID.fromString(id)).filter(flow -> flow.workspaceId().equals(workspaceId)).isPresent();
        return ours ? Optional.empty() : Optional.of("Channel " + pattern + " names a flow that is not in this workspace");
    }
}
