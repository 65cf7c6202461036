package io.flowgate.core.port;

import java.util.UUID;

/**
 * The names the platform uses on the broker. They are part of the public contract: the AsyncAPI
 * document lists them so any AMQP client can bind to the events and topics exchanges.
 */
public final class Topology {

    /** Direct exchange carrying step messages; routing key = flow id. */
    public static final String WORK_EXCHANGE = "flowgate.work";
    /** Topic exchange of pub/sub topics; routing key = {@code <workspaceId>.<topicName>}. */
    public static final String TOPICS_EXCHANGE = "flowgate.topics";
    /** Topic exchange of platform events; routing key = the channel with dots, e.g. {@code flow.<id>.error}. */
    public static final String EVENTS_EXCHANGE = "flowgate.events";

    public static final String STEP_MESSAGE_TYPE = "flowgate.step";
    public static final String REPLY_MESSAGE_TYPE = "flowgate.reply";
    /** The AMQP {@code type} of a TopicMessage on {@link #TOPICS_EXCHANGE}. */
    public static final String TOPIC_MESSAGE_TYPE = "TopicMessage";
    /**
     * The header (value {@code true}) on the TopicMessages Flowgate itself publishes: they were counted as
     * published then. Those without it were published by an AMQP client and are counted when first taken.
     */
    public static final String COUNTED_HEADER = "x-flowgate-counted";

    private Topology() {
    }

    /** The queue of a flow: its step messages and, for topic subscribers, the topic messages it receives. */
    public static String flowQueue(UUID flowId) {
        return "flowgate.flow." + flowId;
    }

    public static String flowRoutingKey(UUID flowId) {
        return flowId.toString();
    }

    public static String replyQueue(String nodeId) {
        return "flowgate.reply." + nodeId;
    }

    public static String topicRoutingKey(UUID workspaceId, String topicName) {
        return workspaceId + "." + topicName;
    }
}
