-- POs already past their 855 SLA, with no 855 sent, before the watch (V11) existed: marked as found overdue, so
-- the watch's first scan neither counts years of history as fresh breaches nor writes onto old audit rows.
update partner_order o set po_ack_overdue_at = now()
  from partner p
 where p.id = o.partner_id and o.po_ack_sent_at is null and o.po_ack_overdue_at is null
   and o.received_at + make_interval(hours => p.sla_po_ack_hours) < now();
