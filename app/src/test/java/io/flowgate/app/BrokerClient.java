package io.flowgate.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.flowgate.app.testing.TestNode;
import io.flowgate.core.Json;
import io.flowgate.core.port.Topology;
import java.util.UUID;

/** An ordinary AMQP client on a test node's embedded broker, to put messages where the platform reads them. */
final class BrokerClient implements AutoCloseable {

    private final Connection connection;
    private final Channel channel;

    private BrokerClient(Connection connection) throws Exception {
        this.connection = connection;
        this.channel = connection.createChannel();
        channel.confirmSelect();
    }

    static BrokerClient connect(TestNode node) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri("amqp://flowgate:" + TestNode.ADMIN_KEY + "@127.0.0.1:"
                + node.environment().get("FLOWGATE_EMBEDDED_AMQP_PORT") + "/%2F");
        return new BrokerClient(factory.newConnection());
    }

    /** A trigger step message of {@code flowId} at {@code version}, as the ingress would send it. */
    static ObjectNode stepMessage(String flowId, String workspaceId, int version, JsonNode body) {
        String id = UUID.randomUUID().toString();
        ObjectNode message = Json.object().put("messageId", id).put("executionId", UUID.randomUUID().toString())
                .put("flowId", flowId).put("workspaceId", workspaceId).put("flowVersion", version).put("stepId", "in")
                .put("attempt", 1);
        message.set("body", body);
        message.putObject("attributes");
        message.putObject("trace").put("requestId", id).put("correlationId", id);
        return message;
    }

    void publishStep(String flowId, ObjectNode message) throws Exception {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().type(Topology.STEP_MESSAGE_TYPE)
                .messageId(message.path("messageId").asText() + "/1").deliveryMode(2).build();
        channel.basicPublish(Topology.WORK_EXCHANGE, Topology.flowRoutingKey(UUID.fromString(flowId)), true, properties,
                Json.bytes(message));
        channel.waitForConfirmsOrDie(10_000);
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
