-- Where a dead letter was read (the flow's queue) and the AMQP message id it came with, so that a topic
-- message one subscriber could not take can be handed to that subscriber again, with the same id.
ALTER TABLE dead_letters ADD COLUMN flow_id UUID;
ALTER TABLE dead_letters ADD COLUMN message_id VARCHAR(255);
-- "topic:" and a routing key of up to 255 characters
ALTER TABLE dead_letters ALTER COLUMN source SET DATA TYPE VARCHAR(300);
