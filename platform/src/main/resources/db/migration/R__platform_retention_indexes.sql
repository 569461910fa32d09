-- Repeatable (re-run when changed, after every versioned migration) because the platform's schema ships inside
-- each service's history table: a new versioned platform migration numbered below a service's would be refused.
-- Keep every statement idempotent.

-- InboxRetention deletes by age; the table is insert-only, so this index costs little on the hot path.
create index if not exists processed_event_processed_at on processed_event (processed_at);
