package io.tradeflow.gateway.repository;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The statements that must be atomic in PostgreSQL because several replicas share them: rate windows,
 * control numbers, interchange receipts, order claims. Callers hold a transaction.
 */
@ApplicationScoped
public class GatewayStore {
    @Inject
    Pool pool;

    static final String PARTNER = "select id, name, type, customer_id, sender_qualifier, sender_id, receiver_qualifier, "
            + "receiver_id, x12_version, delimiters, acknowledgment, document_types, rate_limit_per_minute, "
            + "sla_functional_ack_minutes, sla_po_ack_hours, sla_ship_notice_hours, webhook_url, api_key_salt, "
            + "api_key_hash from partner where id = $1";

    /**
     * The partner's profile and key hash as a detached value (null when unknown): what every inbound document
     * needs first, read without a Hibernate session because each document pays for it.
     */
    public Uni<Partner> partner(String id) {
        return pool.preparedQuery(PARTNER).execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row row = rows.iterator().next();
            Partner p = new Partner();
            p.id = row.getString(0);
            p.name = row.getString(1);
            p.type = row.getString(2);
            p.customerId = row.getString(3);
            p.senderQualifier = row.getString(4);
            p.senderId = row.getString(5);
            p.receiverQualifier = row.getString(6);
            p.receiverId = row.getString(7);
            p.x12Version = row.getString(8);
            p.delimiters = row.getString(9);
            p.acknowledgment = row.getString(10);
            p.documentTypes = row.getString(11);
            p.rateLimitPerMinute = row.getInteger(12);
            p.slaFunctionalAckMinutes = row.getInteger(13);
            p.slaPoAckHours = row.getInteger(14);
            p.slaShipNoticeHours = row.getInteger(15);
            p.webhookUrl = row.getString(16);
            p.apiKeySalt = row.getString(17);
            p.apiKeyHash = row.getString(18);
            return p;
        });
    }

    /** The window's start and how many requests it has now counted, this one included. */
    public record WindowUse(OffsetDateTime windowStart, int used) {
    }

    /**
     * Counts one request in the partner's current one-minute window (a new minute starts a new window). One
     * autocommitted statement of its own, so a refused request holds no lock and needs no session.
     */
    public Uni<WindowUse> countRequest(String partnerId) {
        return pool.preparedQuery("insert into rate_window (partner_id, window_start, used) "
                        + "values ($1, date_trunc('minute', now()), 1) on conflict (partner_id) do update set "
                        + "used = case when rate_window.window_start = excluded.window_start "
                        + "then rate_window.used + 1 else 1 end, window_start = excluded.window_start "
                        + "returning window_start, used")
                .execute(Tuple.of(partnerId))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new WindowUse(row.getOffsetDateTime("window_start"), row.getInteger("used"));
                });
    }

    /** The next outbound control number of the partner; the row lock serialises replicas, so none repeats. */
    public Uni<Long> nextControlNumber(String partnerId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "update partner set outbound_control = outbound_control + 1 where id = ?1 "
                                + "returning outbound_control", Long.class)
                .setParameter(1, partnerId)
                .getSingleResult());
    }

    /** Records the interchange; false when (sender, receiver, ISA13) was received before. */
    public Uni<Boolean> firstReceipt(String sender, String receiver, String control, String messageId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into interchange_receipt (sender, receiver, control, message_id) values (?1, ?2, ?3, ?4) "
                                + "on conflict do nothing")
                .setParameter(1, sender).setParameter(2, receiver).setParameter(3, control).setParameter(4, messageId)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** Our next outbound control number and the partner's highest ISA13 before this interchange. */
    public record Controls(long outbound, Long previousInbound) {
    }

    /**
     * The next outbound control number (for our 997) and the partner's highest received ISA13 moved up,
     * returning the previous one so a jump (a gap) can be flagged as possibly lost interchanges. One update
     * under one row lock (the read after it sees this transaction's own row): every accepted interchange needs
     * both, and the partner row is contended.
     */
    public Uni<Controls> nextControlsForInbound(String partnerId, long inboundControl) {
        // A plain update and an HQL projection: both plans are cached once. A native UPDATE ... RETURNING read
        // as a result is planned and cached anew on every call, and that cache's lookups became the top cost.
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "update partner set outbound_control = outbound_control + 1, "
                                + "previous_inbound_control = last_inbound_control, "
                                + "last_inbound_control = greatest(coalesce(last_inbound_control, 0), ?2) where id = ?1")
                .setParameter(1, partnerId).setParameter(2, inboundControl)
                .executeUpdate()
                .chain(() -> session.createSelectionQuery("select p.outboundControl, p.previousInboundControl "
                                + "from Partner p where p.id = :id", Object[].class)
                        .setParameter("id", partnerId).getSingleResult()))
                .map(row -> new Controls(((Number) row[0]).longValue(),
                        row[1] == null ? null : ((Number) row[1]).longValue()));
    }

    /** Claims the partner PO for one canonical order; false when it already became one. */
    public Uni<Boolean> claimOrder(PartnerOrder order) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into partner_order (partner_id, po_number, order_key, po_date, canonical, message_id) "
                                + "values (?1, ?2, ?3, ?4, ?5, ?6) on conflict do nothing")
                .setParameter(1, order.partnerId).setParameter(2, order.poNumber).setParameter(3, order.orderKey)
                .setParameter(4, order.poDate).setParameter(5, order.canonical).setParameter(6, order.messageId)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /**
     * A PO number already claimed is claimed again when its last attempt was refused (the partner was told so): a new
     * attempt, its order key {@code key#n}, as {@link PartnerOrderClaims} does for interchanges. Sets the claim's
     * order key and returns true when it was claimed again.
     */
    public Uni<Boolean> reclaimRefused(PartnerOrder claim) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "update partner_order set order_key = ?3 || '#' || (attempt + 1), attempt = attempt + 1, "
                                + "po_date = ?4, canonical = ?5, message_id = ?6, received_at = now(), "
                                + "refused_at = null, po_ack_sent_at = null, po_ack_overdue_at = null "
                                + "where partner_id = ?1 and po_number = ?2 and refused_at is not null "
                                + "returning order_key", String.class)
                .setParameter(1, claim.partnerId).setParameter(2, claim.poNumber).setParameter(3, claim.orderKey)
                .setParameter(4, claim.poDate).setParameter(5, claim.canonical).setParameter(6, claim.messageId)
                .getResultList())
                .map(keys -> {
                    if (keys.isEmpty()) {
                        return false;
                    }
                    claim.orderKey = keys.get(0);
                    return true;
                });
    }

    /** Remembers the suite's order of a refused attempt at a PO, so its late events answer no later attempt. */
    public Uni<Void> refusedAttempt(String partnerId, String poNumber, String orderId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into refused_attempt (partner_id, order_id, po_number) values (?1, ?2, ?3) "
                                + "on conflict do nothing")
                .setParameter(1, partnerId).setParameter(2, orderId).setParameter(3, poNumber).executeUpdate())
                .replaceWithVoid();
    }

    /** Whether the suite's order is one of a refused attempt at one of the partner's POs. */
    public Uni<Boolean> ofRefusedAttempt(String partnerId, String orderId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select count(*) from refused_attempt where partner_id = ?1 and order_id = ?2", Long.class)
                .setParameter(1, partnerId).setParameter(2, orderId).getSingleResult())
                .map(count -> count > 0);
    }

    /**
     * Flags our documents whose acknowledgment is past due; returns, per document, its partner and the answer it
     * awaited (997 or 999 for X12, JSON for a marketplace's JSON acknowledgment), which labels the SLA breach.
     */
    public Uni<List<Object[]>> flagOverdue() {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "update partner_message m set ack_status = 'OVERDUE' from partner p "
                                + "where p.id = m.partner_id and m.ack_status = 'PENDING' and m.ack_due_at < now() "
                                + "returning m.partner_id, case when m.interchange_control is null then 'JSON' "
                                + "else p.acknowledgment end", Object[].class)
                .getResultList());
    }

    /**
     * Flags the POs still without our 855 past the partner's SLA after their 850, each once, and notes it on the
     * inbound message they came in (the partner's audit trail); returns their partner ids, one per PO.
     */
    public Uni<List<String>> flagPoAcknowledgmentsOverdue() {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "with late as (update partner_order o set po_ack_overdue_at = now() from partner p "
                                + "where p.id = o.partner_id and o.po_ack_sent_at is null "
                                + "and o.po_ack_overdue_at is null "
                                + "and o.received_at + make_interval(hours => p.sla_po_ack_hours) < now() "
                                // An 855 sent without the mark (by a replica still on the previous version during
                                // a rolling deploy) answered the PO all the same.
                                + "and not exists (select 1 from partner_message s where s.partner_id = o.partner_id "
                                + "and s.order_key = o.order_key and s.direction = 'OUTBOUND' "
                                + "and s.document_type = '855') "
                                + "returning o.partner_id, o.message_id, o.po_number, p.sla_po_ack_hours), "
                                // One note per inbound message, however many of its POs: short enough for flags.
                                + "noted as (update partner_message m set flags = left(concat_ws('; ', m.flags, "
                                + "l.notes), 500) from (select message_id, '855 overdue (' || min(sla_po_ack_hours) "
                                + "|| ' h SLA) for PO ' || string_agg(po_number, ', ' order by po_number) notes "
                                + "from late group by message_id) l where m.id = l.message_id) "
                                + "select partner_id from late", String.class)
                .getResultList());
    }
}
