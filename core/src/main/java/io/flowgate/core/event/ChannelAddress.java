package io.flowgate.core.event;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.Ids;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A channel of the spec, e.g. {@code flow/<flowId>/execution}. As a pattern, a segment may be {@code *}
 * to stand for any one segment ({@code flow/*}{@code /error}).
 */
public record ChannelAddress(String value) {

    private static final List<String[]> SHAPES = List.of(
            new String[] {"flow", null, "execution"},
            new String[] {"flow", null, "error"},
            new String[] {"workspace", null, "activity"});

    public ChannelAddress {
        if (value == null || value.isBlank()) {
            throw FlowgateException.invalid("channel is required, e.g. flow/<flowId>/execution");
        }
    }

    public static ChannelAddress flowExecution(UUID flowId) {
        return new ChannelAddress("flow/" + flowId + "/execution");
    }

    public static ChannelAddress flowError(UUID flowId) {
        return new ChannelAddress("flow/" + flowId + "/error");
    }

    public static ChannelAddress workspaceActivity(UUID workspaceId) {
        return new ChannelAddress("workspace/" + workspaceId + "/activity");
    }

    /**
     * Parses a channel pattern as a user writes it, refusing anything that is not one of the spec's
     * channels. Ids are kept in their canonical lower case, so that the pattern matches the channels of those ids.
     */
    public static ChannelAddress pattern(String text) {
        ChannelAddress address = new ChannelAddress(text);
        String[] segments = address.segments();
        boolean known = SHAPES.stream().anyMatch(shape -> fits(shape, segments));
        if (!known) {
            throw FlowgateException.invalid("Unknown channel '" + text + "': expected flow/{flowId}/execution, "
                    + "flow/{flowId}/error, workspace/{workspaceId}/activity (a segment may be *)");
        }
        return new ChannelAddress(text.toLowerCase(Locale.ROOT));
    }

    public boolean matches(ChannelAddress concrete) {
        String[] mine = segments();
        String[] theirs = concrete.segments();
        if (mine.length != theirs.length) {
            return false;
        }
        for (int i = 0; i < mine.length; i++) {
            if (!mine[i].equals("*") && !mine[i].equals(theirs[i])) {
                return false;
            }
        }
        return true;
    }

    public boolean isWildcard() {
        return value.contains("*");
    }

    /** The routing key the channel has on the AMQP events exchange: segments joined by dots. */
    public String routingKey() {
        return value.replace('/', '.');
    }

    public String[] segments() {
        return value.split("/", -1);
    }

    private static boolean fits(String[] shape, String[] segments) {
        if (shape.length != segments.length) {
            return false;
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] != null && !shape[i].equals(segments[i])) {
                return false;
            }
            if (shape[i] == null && !(segments[i].equals("*") || Ids.isUuid(segments[i]))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}
