package io.flowgate.http;

import io.flowgate.core.Timestamps;
import io.flowgate.core.execution.ExecutionStatus;
import io.flowgate.core.port.ExecutionRepository;
import io.flowgate.services.executions.ExecutionService;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.time.Instant;

/** {@code /v2/executions}: list, details with every step run, retry. */
public final class ExecutionRoutes implements HttpService {

    private final ExecutionService executions;
    private final Authenticated authenticated;

    public ExecutionRoutes(ExecutionService executions, Authenticated authenticated) {
        this.executions = executions;
        this.authenticated = authenticated;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", authenticated.by((caller, req, res) -> {
                    var filter = new ExecutionRepository.Filter(null, Requests.queryId(req, "flow_id").orElse(null),
                            Requests.query(req, "status").map(ExecutionStatus::fromWire).orElse(null),
                            Requests.query(req, "from").map(ExecutionRoutes::time).orElse(null),
                            Requests.query(req, "to").map(ExecutionRoutes::time).orElse(null));
                    Responses.jsonApi(res, 200, JsonApi.list(req, executions.list(caller, filter, Requests.page(req)),
                            Representations::execution));
                }))
                .get("/{id}", authenticated.by((caller, req, res) -> Responses.jsonApi(res, 200, JsonApi.document(
                        Representations.executionDetails(executions.get(caller, Requests.pathId(req, "id", "Execution")))))))
                .post("/{id}/retry", authenticated.by((caller, req, res) -> Responses.jsonApi(res, 202, JsonApi.document(
                        Representations.execution(executions.retry(caller, Requests.pathId(req, "id", "Execution")))))));
    }

    private static Instant time(String text) {
        try {
            return Timestamps.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw io.flowgate.core.FlowgateException.invalid("'" + text + "' is not an RFC 3339 time");
        }
    }
}
