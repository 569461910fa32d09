-- An order may leave in several shipments (two warehouses, a backorder filled later): the column holds all of them,
-- oldest first, as a JSON array. Orders shipped before this hold their one shipment as an object; they become a
-- list of one.
alter table customer_order rename column shipment to shipments;
update customer_order set shipments = '[' || shipments || ']' where shipments is not null and left(shipments, 1) = '{';
