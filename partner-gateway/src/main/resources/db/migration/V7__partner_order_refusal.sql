-- A PO the suite refused (rejecting 855 sent) may be sent again once the cause is fixed (a customer set up in the
-- ERP, stock received): the resend becomes a new attempt with its own order key, instead of "already ordered".
alter table partner_order add column refused_at timestamptz;
alter table partner_order add column attempt integer not null default 1;
