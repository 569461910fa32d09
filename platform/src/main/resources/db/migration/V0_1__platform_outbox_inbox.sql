-- Shared by every service (shipped in the platform jar): the transactional outbox and the consumer inbox.

-- Events leave a service only from here, written in the same transaction as the state change they report.
create table outbox_event (
    seq            bigserial primary key,
    id             varchar(64)  not null unique,
    topic          varchar(200) not null,
    event_key      varchar(200),
    type           varchar(200) not null,
    source         varchar(200) not null,
    subject        varchar(200),
    correlation_id varchar(100),
    traceparent    varchar(100),
    payload        text         not null,
    occurred_at    timestamptz  not null,
    created_at     timestamptz  not null default now(),
    published_at   timestamptz,
    attempts       int          not null default 0,
    last_error     text
);
create index outbox_event_pending on outbox_event (seq) where published_at is null;

-- One row per (consumer, CloudEvent id) already applied: inserted in the same transaction as the effect,
-- so a redelivered event is recognised and has no second effect.
create table processed_event (
    consumer     varchar(100) not null,
    event_id     varchar(200) not null,
    processed_at timestamptz  not null default now(),
    primary key (consumer, event_id)
);
