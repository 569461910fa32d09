-- Every ERP pricing record as last received, tombstones included (deleted = true) so an older version
-- arriving late is recognised as older and ignored. The payload is the canonical record as JSON.
create table pricing_record (
    erp_record_id varchar(100) primary key,
    kind          varchar(30)  not null,
    version       bigint       not null,
    deleted       boolean      not null,
    payload       text         not null,
    valid_from    date,
    valid_to      date,
    received_at   timestamptz  not null default now()
);
create index pricing_record_boundaries on pricing_record (kind, valid_from, valid_to);

-- CRM context per customer; updated_at (from CRM) orders updates.
create table customer_account (
    customer_id   varchar(100) primary key,
    tier          varchar(60),
    segment       varchar(60),
    buying_group  varchar(100),
    updated_at    timestamptz,
    received_at   timestamptz  not null default now()
);

-- Kept quotes, so an order can refer to one by id; body is the Quote as returned.
create table quote (
    id           varchar(40)  primary key,
    customer_id  varchar(100) not null,
    channel      varchar(60)  not null,
    currency     char(3)      not null,
    created_at   timestamptz  not null,
    valid_until  timestamptz,
    body         text         not null
);

-- The catalog price last announced on pricing.price-changes per SKU, channel ('*' = every channel),
-- tier ('' = no tier), currency and unit: a change is published only when the effective price differs.
create table published_price (
    sku            varchar(64)  not null,
    channel        varchar(60)  not null,
    tier           varchar(60)  not null,
    currency       char(3)      not null,
    unit_of_measure varchar(20) not null,
    price          numeric(18, 4),
    updated_at     timestamptz  not null default now(),
    primary key (sku, channel, tier, currency, unit_of_measure)
);
