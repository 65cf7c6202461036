-- The sequencer finds events without a cursor through the unique index on event_cursor (both databases
-- look up IS NULL in it), so events_unsequenced only cost a B-tree write per event. On the embedded
-- database events are numbered as they commit and never wait for the sequencer at all.
DROP INDEX events_unsequenced;
