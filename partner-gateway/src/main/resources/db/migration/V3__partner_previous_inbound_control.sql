-- The partner's highest ISA13 before the interchange that last moved it, set by the same UPDATE that moves it,
-- so the gap check reads it back under the row lock without an UPDATE ... RETURNING (which Hibernate would
-- plan and cache afresh on every call).
alter table partner add column previous_inbound_control bigint;
