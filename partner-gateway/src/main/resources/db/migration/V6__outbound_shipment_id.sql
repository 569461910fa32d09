-- An order may ship in several parts, and the partner is owed an 856 for each: an outbound 856 records the shipment
-- it announces, so a redelivered or restated lifecycle event finds it sent. 856s sent before this have none and stand
-- for the order's one shipment.
alter table partner_message add column shipment_id varchar(100);
