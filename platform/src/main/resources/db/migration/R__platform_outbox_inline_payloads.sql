-- Repeatable, like the other platform migrations (see R__platform_retention_indexes.sql): keep it idempotent.

-- An event whose row passes 2 kB was TOASTed: its payload compressed with pglz on insert (this PostgreSQL build
-- has no lz4) and, since the relay reads every event back to publish it, decompressed again. The canonical order
-- of a ten-line 850 is 1.8 kB, so its orders.inbound row (2.1 kB with the envelope columns) was one; in the
-- gateway benchmark PostgreSQL's CPU per document went from 0.059 to 0.053 ms without it. Events are written once, read once and soon deleted, so rows up
-- to a page stay inline and uncompressed; a larger event is still TOASTed as before. A storage parameter only:
-- no rewrite of existing rows.
alter table outbox_event set (toast_tuple_target = 8160);
