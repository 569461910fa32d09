-- Return authorisations of the order (RMA, lines, received, credit memo), as JSON written under the order's lock,
-- so a return is deduplicated, ordered and published with the order's own events.
alter table customer_order add column returns text;
