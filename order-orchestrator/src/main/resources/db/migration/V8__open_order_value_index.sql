-- The credit check sums the value of a customer's other open orders (OrderRows.OPEN_VALUES). Through the
-- (customer_id, state) index it visited every order the customer ever placed, and every dead version of each,
-- since a saga step rewrites its order's row and cannot do so in place (state and deadline are indexed). A
-- distributor's regular accounts place thousands of orders a year, and in the order benchmark (20 customers, a few
-- hundred orders each) one check cost PostgreSQL 100-300 ms. This index holds only the open orders and their
-- totals. Its predicate must stay the one OrderRows.NOT_COUNTED writes (OrderRowsTest holds the two in step).
create index customer_order_open_value on customer_order (customer_id) include (total)
    where state not in ('INVOICED', 'COMPLETED', 'REJECTED', 'CANCELLED', 'FAILED', 'FAILED_TO_COMPENSATE');
