-- The suite's orders of a PO's refused attempts. A late event of one of them (a second refusal, a late ERP answer)
-- must not answer the PO's new attempt: X12 orders tell attempts apart by ISA13, JSON orders have nothing but the
-- orchestrator's order id the events carry.
create table refused_attempt (
    partner_id varchar(64)  not null,
    order_id   varchar(200) not null,
    po_number  varchar(100) not null,
    refused_at timestamptz  not null default now(),
    primary key (partner_id, order_id)
);
