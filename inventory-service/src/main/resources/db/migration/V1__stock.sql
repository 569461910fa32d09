-- Stock per SKU and location. Available-to-promise is derived, never stored:
-- on_hand - reserved - safety_stock - unavailable, floored at zero.
create table location (
    id           varchar(40)  primary key,
    name         varchar(200) not null,
    channels     varchar(400) not null,
    safety_stock numeric(18, 3) not null default 0
);

create table stock_level (
    sku          varchar(64)  not null,
    location_id  varchar(40)  not null references location (id),
    on_hand      numeric(18, 3) not null default 0,
    reserved     numeric(18, 3) not null default 0,
    unavailable  numeric(18, 3) not null default 0,
    version      bigint not null default 0,
    updated_at   timestamptz not null default now(),
    primary key (sku, location_id)
);
