-- The (sku, location_id, occurred_at) index served no query: rebuilds read the log in seq order (movement_seq) and
-- reconciliation selects by location or destination and time, which an sku-leading index cannot answer. It cost
-- about a third of each movement's insert (measured with pg_stat_statements in the inventory benchmark), on the
-- path from scan to availability.
drop index if exists movement_sku_location;
