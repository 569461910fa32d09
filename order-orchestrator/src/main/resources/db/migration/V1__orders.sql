-- Orders as persisted sagas: the current snapshot on customer_order, every transition in order_transition.

create table customer_order (
    id                   varchar(64)  primary key,
    customer_id          varchar(100) not null,
    channel              varchar(50)  not null,
    customer_po_number   varchar(100),
    requested_date       date,
    currency             varchar(3)   not null,
    quote_id             varchar(100),
    ship_to              text,
    partner_ref          text,
    -- Order lines with their price (rule, source) and reservation outcome, as JSON written by the saga.
    lines                text         not null,
    total                numeric(19, 4),
    -- Intake deduplication: an Idempotency-Key (with the hash of its body), or a partner's PO reference.
    idempotency_key      varchar(200) unique,
    request_hash         varchar(64),
    partner_key          varchar(200) unique,
    state                varchar(30)  not null,
    sequence             bigint       not null,
    erp_order_number     varchar(100),
    commit_pending       boolean      not null default false,
    invoice_posted       boolean      not null default false,
    compensation_target  varchar(30),
    attempts             int          not null default 0,
    -- Durable deadline: the scanner picks due rows with FOR UPDATE SKIP LOCKED.
    deadline_kind        varchar(30),
    deadline_at          timestamptz,
    stuck_reason         varchar(30),
    stuck_since          timestamptz,
    shipment             text,
    invoice              text,
    correlation_id       varchar(100),
    accepted_at          timestamptz  not null,
    updated_at           timestamptz  not null
);
create index customer_order_deadline on customer_order (deadline_at) where deadline_at is not null;
create index customer_order_customer on customer_order (customer_id, state);
create index customer_order_stuck on customer_order (stuck_reason) where stuck_reason is not null;

create table order_transition (
    id          bigserial    primary key,
    order_id    varchar(64)  not null references customer_order (id),
    sequence    bigint       not null,
    from_state  varchar(30),
    to_state    varchar(30)  not null,
    cause       text         not null,
    occurred_at timestamptz  not null
);
create index order_transition_order on order_transition (order_id, id);

-- The ERP customer master as last seen on erp.customers; the credit check reads it locally.
create table erp_customer (
    customer_id        varchar(100) primary key,
    name               varchar(200),
    credit_limit       numeric(19, 4),
    open_balance       numeric(19, 4),
    currency           varchar(3),
    credit_status      varchar(20)  not null,
    reservation_policy varchar(30),
    version            bigint       not null,
    updated_at         timestamptz  not null
);

-- Messages a consumer gave up on (read back from the <topic>.dlq topics), for operations to see and replay.
create table dead_letter (
    id             bigserial    primary key,
    dlq_topic      varchar(200) not null,
    dlq_partition  int          not null,
    dlq_offset     bigint       not null,
    original_topic varchar(200) not null,
    record_key     varchar(200),
    payload        text,
    event_id       varchar(200),
    event_type     varchar(200),
    event_source   varchar(200),
    correlation_id varchar(100),
    reason         text,
    received_at    timestamptz  not null,
    replayed_at    timestamptz,
    unique (dlq_topic, dlq_partition, dlq_offset)
);
