-- Per-SKU serialisation point and availability version: every change to a SKU locks its row first,
-- so concurrent reservations and movements of one SKU apply one after the other, and the version
-- published on inventory.availability increases strictly.
create table sku_state (
    sku      varchar(64) primary key,
    version  bigint      not null default 0
);

-- The movement log: every applied movement, so stock can be rebuilt and audited.
create table movement (
    id                varchar(200) primary key,
    sku               varchar(64)  not null,
    location_id       varchar(40)  not null,
    type              varchar(20)  not null,
    quantity          numeric(18, 3) not null,
    to_location_id    varchar(40),
    expected_quantity numeric(18, 3),
    reason            varchar(200),
    occurred_at       timestamptz  not null,
    applied_at        timestamptz  not null default now()
);
create index movement_sku_location on movement (sku, location_id, occurred_at);

-- A cycle count whose expected quantity differed from ours: applied, and kept here for follow-up.
create table count_variance (
    id            bigserial primary key,
    movement_id   varchar(200) not null,
    sku           varchar(64)  not null,
    location_id   varchar(40)  not null,
    expected      numeric(18, 3) not null,
    recorded      numeric(18, 3) not null,
    counted       numeric(18, 3) not null,
    recorded_at   timestamptz  not null default now()
);

create table reservation (
    id          varchar(100) primary key,
    order_id    varchar(100) not null,
    channel     varchar(40)  not null,
    policy      varchar(20)  not null,
    status      varchar(30)  not null,
    expires_at  timestamptz  not null,
    created_at  timestamptz  not null default now(),
    -- The answer given, replayed verbatim for a repeated reservation id.
    outcome     text         not null
);
create index reservation_expiry on reservation (expires_at) where status in ('HELD', 'PARTIALLY_HELD');

-- Where each held unit sits: commit and release undo exactly these.
create table reservation_allocation (
    reservation_id varchar(100) not null references reservation (id),
    sku            varchar(64)  not null,
    location_id    varchar(40)  not null,
    quantity       numeric(18, 3) not null,
    primary key (reservation_id, sku, location_id)
);
