-- The shipments already committed against each reservation. A warehouse that ships an order in several parts (two
-- distribution centres, a backorder filled later) commits each part on its own; the orchestrator retries a commit
-- until it is answered, so a repeated shipment must change nothing: this key is what recognises it, written in the
-- same transaction as the stock it took.
create table reservation_shipment (
    reservation_id varchar(100) not null references reservation (id),
    shipment_id    varchar(100) not null,
    committed_at   timestamptz  not null default now(),
    primary key (reservation_id, shipment_id)
);
