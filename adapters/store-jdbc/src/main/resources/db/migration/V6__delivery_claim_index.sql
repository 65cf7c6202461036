-- Due deliveries are claimed in (next_attempt_at, seq) order. With seq in the index the claim reads the
-- backlog in index order and stops at its limit, instead of reading and sorting every pending delivery.
CREATE INDEX deliveries_claim ON deliveries (status, next_attempt_at, seq);
DROP INDEX deliveries_due;
