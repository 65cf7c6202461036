package io.flowgate.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowgate.core.FlowgateException;
import io.flowgate.core.Json;
import io.flowgate.services.topics.TopicDraft;
import io.flowgate.services.topics.TopicService;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import java.util.UUID;

/**
 * {@code /v2/workspaces/{id}/topics}: topics, their versions and counters, and publishing to them
 * ({@code POST …/topics/{name}/messages}, body = the message's data).
 */
public final class TopicRoutes implements HttpService {

    /** The published TopicMessage's id, also in the answer's body: a load generator reads it without parsing JSON. */
    static final String MESSAGE_ID_HEADER = "x-message-id";

    private final TopicService topics;
    private final Authenticated authenticated;
    private final long maxBodyBytes;

    public TopicRoutes(TopicService topics, Authenticated authenticated, long maxBodyBytes) {
        this.topics = topics;
        this.authenticated = authenticated;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/{workspaceId}/topics", authenticated.by((caller, req, res) -> {
                    var topic = topics.create(caller, workspaceId(req), draft(Requests.json(req)));
                    Responses.jsonApi(res, 201, JsonApi.document(TopicRepresentations.topic(topic)));
                }))
                .get("/{workspaceId}/topics", authenticated.by((caller, req, res) -> Responses.jsonApi(res, 200,
                        JsonApi.list(req, topics.list(caller, workspaceId(req), Requests.page(req)), TopicRepresentations::topic))))
                .get("/{workspaceId}/topics/{topicId}", authenticated.by((caller, req, res) -> Responses.jsonApi(res, 200,
                        JsonApi.document(TopicRepresentations.details(topics.get(caller, workspaceId(req), topicId(req)))))))
                .patch("/{workspaceId}/topics/{topicId}", authenticated.by((caller, req, res) -> {
                    var topic = topics.update(caller, workspaceId(req), topicId(req), draft(Requests.json(req)));
                    Responses.jsonApi(res, 200, JsonApi.document(TopicRepresentations.topic(topic)));
                }))
                .delete("/{workspaceId}/topics/{topicId}", authenticated.by((caller, req, res) -> {
                    topics.delete(caller, workspaceId(req), topicId(req));
                    Responses.noContent(res);
                }))
                .get("/{workspaceId}/topics/{topicId}/versions", authenticated.by((caller, req, res) -> Responses.jsonApi(res, 200,
                        JsonApi.all(topics.versions(caller, workspaceId(req), topicId(req)), TopicRepresentations::version))))
                .post("/{workspaceId}/topics/{topicName}/messages", authenticated.by((caller, req, res) -> {
                    var message = topics.publish(caller, workspaceId(req), req.path().pathParameters().get("topicName"),
                            data(req), Requests.header(req, "x-correlation-id").orElse(null));
                    res.header(MESSAGE_ID_HEADER, message.id().toString());
                    Responses.json(res, 202, message.toJson());
                }));
    }

    private JsonNode data(ServerRequest req) {
        byte[] body = Requests.body(req, maxBodyBytes);
        if (body.length == 0) {
            throw FlowgateException.invalid("The body is the message's data: a JSON object is required");
        }
        return Json.parse(body);
    }

    private static TopicDraft draft(JsonNode document) {
        ObjectNode attributes = JsonApi.attributes(document);
        return new TopicDraft(JsonApi.text(attributes, "name"), attributes.get("schema"), attributes.has("schema"));
    }

    private static UUID workspaceId(ServerRequest req) {
        return Requests.pathId(req, "workspaceId", "Workspace");
    }

    private static UUID topicId(ServerRequest req) {
        return Requests.pathId(req, "topicId", "Topic");
    }
}
