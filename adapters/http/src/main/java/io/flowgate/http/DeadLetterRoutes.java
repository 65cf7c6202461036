package io.flowgate.http;

import io.flowgate.services.deadletters.DeadLetterService;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/** {@code /v2/workspaces/{workspaceId}/dead-letters}: messages the workers could not process, and their retry. */
public final class DeadLetterRoutes implements HttpService {

    private final DeadLetterService deadLetters;
    private final Authenticated authenticated;

    public DeadLetterRoutes(DeadLetterService deadLetters, Authenticated authenticated) {
        this.deadLetters = deadLetters;
        this.authenticated = authenticated;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", authenticated.by((caller, req, res) -> Responses.jsonApi(res, 200, JsonApi.list(req,
                        deadLetters.list(caller, Requests.workspaceId(req), Requests.page(req)), Representations::deadLetter))))
                .post("/{deadLetterId}/retry", authenticated.by((caller, req, res) -> {
                    var letter = deadLetters.retry(caller, Requests.workspaceId(req),
                            Requests.pathId(req, "deadLetterId", "Dead letter"));
                    Responses.jsonApi(res, 202, JsonApi.document(Representations.deadLetter(letter)));
                }));
    }
}
