-- The trace the failed message belonged to, so a replay continues the order's one trace instead of
-- starting a new one under the operator's request.
alter table dead_letter add column traceparent varchar(64);
