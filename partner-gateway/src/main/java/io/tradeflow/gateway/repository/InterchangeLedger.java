package io.tradeflow.gateway.repository;

import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The inbound hot path's statements on the plain reactive SQL client, each on the connection of the caller's
 * transaction: the interchange receipt with the partner's control numbers, the order claims, the audit record.
 * Plain SQL because every partner document pays for them: through Hibernate Reactive the same five statements
 * cost the gateway more CPU than reading, checking and acknowledging the X12 (benchmark profile, issue 6 point 9).
 */
@ApplicationScoped
public class InterchangeLedger {
    /**
     * Records (sender, receiver, ISA13) unless seen before or replayed ($6 false), takes our next outbound control
     * number and, for an interchange that proceeds, moves the partner's highest ISA13, keeping the one before it
     * for the gap check. One statement under one partner row lock: the receipt and the controls move together.
     */
    static final String RECEIVE = "with receipt as (insert into interchange_receipt (sender, receiver, control, "
            + "message_id) select $2, $3, $4, $5 where $6 on conflict do nothing returning 1), "
            + "proceeds as (select (not $6) or exists (select 1 from receipt) as yes) "
            + "update partner set outbound_control = outbound_control + 1, "
            + "previous_inbound_control = case when (select yes from proceeds) then last_inbound_control "
            + "else previous_inbound_control end, "
            + "last_inbound_control = case when (select yes from proceeds) "
            + "then greatest(coalesce(last_inbound_control, 0), $7) else last_inbound_control end "
            + "where id = $1 returning outbound_control, previous_inbound_control, (select yes from proceeds) as first";
    static final String NEXT_CONTROL = "update partner set outbound_control = outbound_control + 1 where id = $1 "
            + "returning outbound_control";
    static final String CLAIM = "insert into partner_order (partner_id, po_number, order_key, po_date, canonical, "
            + "message_id) values ($1, $2, $3, $4, $5, $6) on conflict do nothing";
    static final String ACKNOWLEDGE = "update partner_message set ack_status = 'ACKNOWLEDGED', acked_at = now() "
            + "where partner_id = $1 and direction = 'OUTBOUND' and group_control = any($2) "
            + "and ack_status in ('PENDING', 'OVERDUE')";
    static final String RECORD = "insert into partner_message (id, partner_id, direction, document_type, "
            + "content_type, correlation_id, replay_of, interchange_control, group_control, set_control, order_key, "
            + "raw_payload, parse_result, acknowledgment, outcome, flags, received_at, completed_at, duration_micros, "
            + "ack_status, ack_due_at, acked_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
            + "$15, $16, $17, $18, $19, $20, $21, $22)";

    /**
     * @param outbound        our next control number (for the 997 or TA1)
     * @param previousInbound the partner's highest ISA13 before this one (null for its first); only when first
     * @param first           false when (sender, receiver, ISA13) was received before: a duplicate
     */
    public record Receipt(long outbound, Long previousInbound, boolean first) {
    }

    /** @param checkDuplicate false for a replay, which proceeds whatever was received before */
    public Uni<Receipt> receive(SqlConnection conn, String partnerId, String sender, String receiver, String isa13,
                                String messageId, boolean checkDuplicate) {
        return conn.preparedQuery(RECEIVE).execute(Tuple.from(Arrays.asList(partnerId, sender, receiver, isa13,
                        messageId, checkDuplicate, Long.parseLong(isa13))))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new IllegalStateException("partner " + partnerId + " vanished");
                    }
                    Row row = rows.iterator().next();
                    return new Receipt(row.getLong(0), row.getLong(1), row.getBoolean(2));
                });
    }

    /** The next outbound control number of the partner; the row lock serialises replicas, so none repeats. */
    public Uni<Long> nextControlNumber(SqlConnection conn, String partnerId) {
        return conn.preparedQuery(NEXT_CONTROL).execute(Tuple.of(partnerId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Claims the partner PO for one canonical order; false when it already became one. */
    public Uni<Boolean> claimOrder(SqlConnection conn, PartnerOrder order) {
        return conn.preparedQuery(CLAIM).execute(Tuple.from(Arrays.asList(order.partnerId, order.poNumber,
                        order.orderKey, order.poDate, order.canonical, order.messageId)))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Marks our outbound documents of those groups as acknowledged by the partner's 997; how many matched. */
    public Uni<Integer> acknowledge(SqlConnection conn, String partnerId, List<String> groupControls) {
        return conn.preparedQuery(ACKNOWLEDGE).execute(Tuple.of(partnerId, groupControls.toArray(new String[0])))
                .map(rows -> rows.rowCount());
    }

    /** The audit record of one message, written in the transaction of its effects. */
    public Uni<Void> record(SqlConnection conn, PartnerMessage m) {
        return conn.preparedQuery(RECORD).execute(Tuple.from(Arrays.asList(m.id, m.partnerId, m.direction,
                        m.documentType, m.contentType, m.correlationId, m.replayOf, m.interchangeControl, m.groupControl,
                        m.setControl, m.orderKey, m.rawPayload, m.parseResult, m.acknowledgment, m.outcome, m.flags,
                        m.receivedAt, m.completedAt, m.durationMicros, m.ackStatus, m.ackDueAt, m.ackedAt)))
                .replaceWithVoid();
    }
}
