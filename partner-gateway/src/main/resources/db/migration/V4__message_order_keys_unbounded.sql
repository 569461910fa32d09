-- An interchange may carry many 850s (a partner's scheduled PO batch): its audit record lists the order key of
-- every one, comma-separated, which outgrew varchar(200) at about five POs and failed the whole interchange.
alter table partner_message alter column order_key type text;
