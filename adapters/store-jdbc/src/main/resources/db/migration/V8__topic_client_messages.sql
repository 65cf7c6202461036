-- The ids of messages AMQP clients published straight to flowgate.topics, kept for a while from when the
-- first subscriber took each, so that a message counts once in its topic's published counter however
-- many subscribers take it (messages published through Flowgate are counted when published).
CREATE TABLE topic_client_messages (
    topic_id   UUID NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    message_id UUID NOT NULL,
    seen_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (topic_id, message_id)
);
CREATE INDEX topic_client_messages_seen ON topic_client_messages (seen_at);
