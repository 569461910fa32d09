-- Our 855 is owed within the partner's SLA of its 850, whether or not the ERP has answered yet. The gateway
-- used to judge that only when an 855 went out, so a PO stuck before the ERP's answer breached its SLA unseen.
-- po_ack_sent_at: when the PO's 855 (accepting or rejecting) went out; po_ack_overdue_at: when the watch found it
-- past due with none sent, so the breach is counted once.
alter table partner_order add column po_ack_sent_at timestamptz;
alter table partner_order add column po_ack_overdue_at timestamptz;

-- POs answered before this migration are not owed an 855 again.
update partner_order o set po_ack_sent_at = m.received_at
  from partner_message m
 where m.partner_id = o.partner_id and m.order_key = o.order_key
   and m.direction = 'OUTBOUND' and m.document_type = '855';

-- The watch's scan: only POs still waiting for their 855 and not yet flagged.
create index partner_order_awaiting_855 on partner_order (received_at)
    where po_ack_sent_at is null and po_ack_overdue_at is null;
