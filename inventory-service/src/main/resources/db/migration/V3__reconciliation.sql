-- Replay order for rebuilds: the order movements were applied in, not their (possibly skewed) WMS clocks.
alter table movement add column seq bigserial;
create index movement_seq on movement (seq);

-- One ERP physical count per location and time, compared with our on-hand at that same time.
create table reconciliation (
    snapshot_id  varchar(200) primary key,
    location_id  varchar(40)  not null,
    taken_at     timestamptz  not null,
    received_at  timestamptz  not null default now()
);
create index reconciliation_latest on reconciliation (location_id, taken_at desc);

create table reconciliation_line (
    snapshot_id      varchar(200) not null references reconciliation (snapshot_id),
    sku              varchar(64)  not null,
    erp_on_hand      numeric(18, 3) not null,
    ours_at_snapshot numeric(18, 3) not null,
    moved_since      numeric(18, 3) not null,
    drift            numeric(18, 3) not null,
    primary key (snapshot_id, sku)
);
