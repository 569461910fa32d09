-- The documents an order already had (855, 856, 810), looked up on every lifecycle event that may owe one: without it
-- each lookup scans the partner's whole audit trail.
create index partner_message_outbound_by_order on partner_message (partner_id, order_key, document_type)
    where direction = 'OUTBOUND';
