-- Rows past 2 kB are TOASTed, compressed with pglz on every insert (this PostgreSQL build has no lz4). A claimed
-- PO's canonical order is 1.8 kB for ten short lines and passes that with longer descriptions or more lines; it is
-- written once and read back only for its 855/856/810, so rows up to a page stay inline and uncompressed. The
-- audit trail (partner_message) keeps its compression: it is kept for years and read rarely, so its disk matters
-- more than the CPU. A storage parameter only: no rewrite of existing rows.
alter table partner_order set (toast_tuple_target = 8160);
