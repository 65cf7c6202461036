package io.flowgate.runtime.components;

import io.flowgate.runtime.component.ComponentFunction;
import io.flowgate.runtime.component.ComponentProvider;
import java.util.List;

/** The components that come with the platform. */
public final class BuiltInComponents implements ComponentProvider {

    static final String WEBHOOK_FIELDS = """
            {"type":"object",
             "properties":{
               "auth":{"type":"object","required":["type"],
                 "description":"how callers authenticate; secrets may come from the step's credential",
                 "properties":{"type":{"enum":["none","basic","apiKey","hmac","standardWebhooks"]}},
                 "allOf":[
                   {"if":{"required":["type"],"properties":{"type":{"const":"none"}}},
                    "then":{"properties":{"type":true},"additionalProperties":false}},
                   {"if":{"required":["type"],"properties":{"type":{"const":"basic"}}},
                    "then":{"properties":{"type":true,"username":{"type":"string"},"password":{"type":"string"}},"additionalProperties":false}},
                   {"if":{"required":["type"],"properties":{"type":{"const":"apiKey"}}},
                    "then":{"properties":{"type":true,"header":{"type":"string"},"value":{"type":"string"}},"additionalProperties":false}},
                   {"if":{"required":["type"],"properties":{"type":{"const":"hmac"}}},
                    "then":{"properties":{"type":true,"algorithm":{"enum":["sha256","sha512"]},"secret":{"type":"string"},"header":{"type":"string"}},"additionalProperties":false}},
                   {"if":{"required":["type"],"properties":{"type":{"const":"standardWebhooks"}}},
                    "then":{"properties":{"type":true,"secret":{"type":"string"}},"additionalProperties":false}}]},
               "replyTimeoutMs":{"type":"integer","minimum":1,"maximum":300000,"default":30000},
               "rateLimitPerMinute":{"type":"integer","minimum":1},
               "maxBacklog":{"type":"integer","minimum":1,"description":"messages waiting for the flow before webhooks answer 429"}}}
            """;

    /** The fields of both topic functions: the topic's name, as {@link io.flowgate.core.topic.TopicNames} says. */
    static final String TOPIC_FIELDS = """
            {"type":"object","required":["topic"],
             "properties":{"topic":{"type":"string","minLength":1,"maxLength":200,
               "pattern":"^[A-Za-z0-9_-]+(\\\\.[A-Za-z0-9_-]+)*$",
               "description":"the topic's name in the flow's workspace"}}}
            """;

    @Override
    public List<ComponentFunction> functions() {
        return List.of(
                new TriggerFunction("webhook", "receive", "Starts the flow for each HTTP request to /hook/{flowId}.",
                        Fields.schema(WEBHOOK_FIELDS), TriggerFunction::unwrapWebhook),
                new TriggerFunction("topic", "subscribe", "Starts the flow for each message published to a topic.",
                        Fields.schema(TOPIC_FIELDS), TriggerFunction::unwrapTopicMessage),
                new TriggerFunction("schedule", "cron", "Starts the flow on a cron schedule (the flow's cron attribute or field cron).",
                        Fields.schema("""
                                {"type":"object","properties":{"cron":{"type":"string"}}}
                                """), TriggerFunction::passThrough),
                new JsonataTransform(),
                new FilterCondition(),
                new RouterRoute(),
                new SplitSplit(),
                new HttpRequest(),
                new ReplyReply(),
                new LogLog(),
                new DelayDelay(),
                new FailFail(),
                new TopicPublish());
    }
}
