-- Credit memos the ERP posts against an order without a return (a price adjustment, a short delivery, a billing
-- dispute settled): a JSON array, oldest first, shown on the order and the customer summary. Credits for returns stay
-- with their return.
alter table customer_order add column credits text;
