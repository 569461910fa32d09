-- Partner profiles: who may send what, how they address us, how they are acknowledged and governed.
create table partner (
    id                    varchar(64)  primary key,
    name                  varchar(200) not null,
    type                  varchar(20)  not null,
    customer_id           varchar(64)  not null,
    sender_qualifier      varchar(2),
    sender_id             varchar(15),
    receiver_qualifier    varchar(2),
    receiver_id           varchar(15),
    x12_version           varchar(12),
    delimiters            varchar(3)   not null default '*>~',
    acknowledgment        varchar(3)   not null default '997',
    document_types        varchar(200) not null,
    rate_limit_per_minute int          not null,
    sla_functional_ack_minutes int     not null,
    sla_po_ack_hours      int          not null,
    sla_ship_notice_hours int          not null,
    webhook_url           varchar(500),
    api_key_salt          varchar(64)  not null,
    api_key_hash          varchar(128) not null,
    -- Highest ISA13 received, to flag gaps (possibly lost interchanges).
    last_inbound_control  bigint,
    -- Last control number used outbound; incremented under the row lock so it is never reused.
    outbound_control      bigint       not null default 0,
    created_at            timestamptz  not null default now(),
    updated_at            timestamptz  not null default now()
);
create index partner_x12_sender on partner (sender_qualifier, sender_id, receiver_qualifier, receiver_id);

-- Every message in and out: the audit trail, the pull queue for outbound documents, and ack tracking.
create table partner_message (
    seq                bigserial    primary key,
    id                 varchar(40)  not null unique,
    partner_id         varchar(64)  not null references partner (id),
    direction          varchar(10)  not null,
    document_type      varchar(12)  not null,
    content_type       varchar(60),
    correlation_id     varchar(100),
    replay_of          varchar(40),
    interchange_control varchar(20),
    group_control      varchar(20),
    set_control        varchar(20),
    order_key          varchar(200),
    raw_payload        text         not null,
    parse_result       text,
    acknowledgment     text,
    outcome            varchar(30)  not null,
    flags              varchar(500),
    received_at        timestamptz  not null,
    completed_at       timestamptz  not null,
    duration_micros    bigint       not null,
    ack_status         varchar(20),
    ack_due_at         timestamptz,
    acked_at           timestamptz
);
create index partner_message_by_partner on partner_message (partner_id, seq);
create index partner_message_awaiting_ack on partner_message (ack_due_at) where ack_status = 'PENDING';
create index partner_message_group on partner_message (partner_id, group_control) where direction = 'OUTBOUND';

-- One row per interchange ever accepted for processing: the same (sender, receiver, ISA13) is a duplicate.
create table interchange_receipt (
    sender        varchar(20) not null,
    receiver      varchar(20) not null,
    control       varchar(20) not null,
    message_id    varchar(40) not null,
    received_at   timestamptz not null default now(),
    primary key (sender, receiver, control)
);

-- The partner orders that became canonical orders: one per partner PO number, never two.
create table partner_order (
    partner_id     varchar(64)  not null references partner (id),
    po_number      varchar(100) not null,
    order_key      varchar(200) not null,
    po_date        date,
    canonical      text         not null,
    message_id     varchar(40)  not null,
    received_at    timestamptz  not null default now(),
    primary key (partner_id, po_number)
);

-- Fixed one-minute windows per partner, shared by every replica (the row is updated atomically).
create table rate_window (
    partner_id    varchar(64) primary key,
    window_start  timestamptz not null,
    used          int         not null
);
