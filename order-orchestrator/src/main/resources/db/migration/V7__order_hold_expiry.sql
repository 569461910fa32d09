-- When inventory lets the order's stock hold go unless it is renewed: an order dated beyond the seven days a hold
-- may last is renewed ahead of this (HoldRenewals). Orders reserved before this column keep null and are not renewed.
alter table customer_order add column hold_expires_at timestamptz;
create index customer_order_hold_expiry on customer_order (hold_expires_at) where hold_expires_at is not null;
