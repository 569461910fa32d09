-- The B-tree on seq was maintained on every movement insert (on the path from scan to availability) to serve only
-- the rebuild and the reconciliation, which read the whole log (or a location's share) into memory and replay it in
-- seq order: a sort of rows they load anyway. seq only grows and rows are appended, so a BRIN index keeps range
-- reads by seq possible at almost no cost per insert.
drop index if exists movement_seq;
create index movement_seq_brin on movement using brin (seq);
