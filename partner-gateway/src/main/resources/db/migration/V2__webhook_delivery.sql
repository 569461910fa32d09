-- Webhook push of outbound documents. The secret is kept (not hashed) because it must sign every push.
alter table partner add column webhook_secret varchar(200);

-- One row per outbound document to push: the persisted queue that survives restarts and is shared by
-- replicas (claimed with "for update skip locked" plus a lease, so one replica pushes a document at a time).
create table webhook_delivery (
    message_id      varchar(40)  primary key references partner_message (id),
    partner_id      varchar(64)  not null references partner (id),
    -- PENDING (never tried), FAILING (tried, will retry at next_attempt_at), DELIVERED.
    status          varchar(12)  not null,
    attempts        int          not null default 0,
    next_attempt_at timestamptz  not null default now(),
    last_error      varchar(500),
    last_http_status int,
    delivered_at    timestamptz,
    created_at      timestamptz  not null default now(),
    updated_at      timestamptz  not null default now()
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status <> 'DELIVERED';
create index webhook_delivery_by_partner on webhook_delivery (partner_id);
