package io.flowgate.services.ingress;

import io.flowgate.core.FlowgateException;
import io.flowgate.core.flow.Flow;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * Whether a webhook request may enter: the flow's and the workspace's rate limits, and the flow's
 * backlog (messages waiting in its queue). Refusals are RATE_LIMITED with a Retry-After.
 */
public final class AdmissionControl {

    /** Limits that apply when a flow sets none; 0 means no limit. */
    public record Limits(int workspacePerMinute, long defaultMaxBacklog) {
    }

    private static final long BACKLOG_CACHE_NANOS = 500_000_000L;

    private record Depth(long messages, long readAt) {
    }

    private final Limits limits;
    private final ToLongFunction<UUID> backlogOf;
    private final LongSupplier nanoTime;
    private final TokenBuckets flowBuckets;
    private final TokenBuckets workspaceBuckets;
    private final Map<UUID, Depth> depths = new ConcurrentHashMap<>();

    public AdmissionControl(Limits limits, ToLongFunction<UUID> backlogOf, LongSupplier nanoTime) {
        this.limits = limits;
        this.backlogOf = backlogOf;
        this.nanoTime = nanoTime;
        this.flowBuckets = new TokenBuckets(nanoTime);
        this.workspaceBuckets = new TokenBuckets(nanoTime);
    }

    public void admit(Flow flow, int flowPerMinute, long flowMaxBacklog) {
        if (flowPerMinute > 0) {
            refuseIfWaiting(flowBuckets.take(flow.id(), flowPerMinute), "the flow's rate limit of " + flowPerMinute + " requests a minute");
        }
        if (limits.workspacePerMinute() > 0) {
            refuseIfWaiting(workspaceBuckets.take(flow.workspaceId(), limits.workspacePerMinute()),
                    "the workspace's rate limit of " + limits.workspacePerMinute() + " requests a minute");
        }
        long maxBacklog = flowMaxBacklog > 0 ? flowMaxBacklog : limits.defaultMaxBacklog();
        if (maxBacklog > 0 && backlog(flow.id()) >= maxBacklog) {
            throw FlowgateException.rateLimited("Flow " + flow.id() + " has " + maxBacklog
                    + " or more messages waiting; try again later", 5);
        }
    }

    private static void refuseIfWaiting(long retryAfterSeconds, String limit) {
        if (retryAfterSeconds > 0) {
            throw FlowgateException.rateLimited("Over " + limit, retryAfterSeconds);
        }
    }

    /**
     * The flow's backlog as read from the broker at most {@link #BACKLOG_CACHE_NANOS} ago. When that runs
     * out, the one request that claims the refresh asks the broker; the requests arriving meanwhile go on
     * with the last figure instead of all asking at once.
     */
    private long backlog(UUID flowId) {
        long now = nanoTime.getAsLong();
        Depth depth = depths.get(flowId);
        boolean refresh = depth == null
                || now - depth.readAt() > BACKLOG_CACHE_NANOS && depths.replace(flowId, depth, new Depth(depth.messages(), now));
        if (refresh) {
            depth = new Depth(backlogOf.applyAsLong(flowId), now);
            depths.put(flowId, depth);
        }
        return depth.messages();
    }
}
