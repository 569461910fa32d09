package io.tradeflow.gateway.repository;

import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Inbound statements on the plain reactive SQL client, each on the connection of the caller's transaction: a
 * control number for a TA1, the matching of a partner's 997s, the audit record of a refused interchange. Plain SQL
 * because partner documents pay for them: through Hibernate Reactive the statements of one document cost the
 * gateway more CPU than reading, checking and acknowledging the X12 (benchmark profile, issue 6 point 9).
 */
@ApplicationScoped
public class InterchangeLedger {
    static final String NEXT_CONTROL = "update partner set outbound_control = outbound_control + 1 where id = $1 "
            + "returning outbound_control";
    static final String ACKNOWLEDGE = "update partner_message m set ack_status = t.status, acked_at = now() "
            + "from unnest($2::varchar[], $3::varchar[]) as t(group_control, status) where m.partner_id = $1 "
            + "and m.direction = 'OUTBOUND' and m.group_control = t.group_control "
            + "and m.ack_status in ('PENDING', 'OVERDUE')";
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

    /** The next outbound control number of the partner; the row lock serialises replicas, so none repeats. */
    public Uni<Long> nextControlNumber(SqlConnection conn, String partnerId) {
        return conn.preparedQuery(NEXT_CONTROL).execute(Tuple.of(partnerId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Marks our outbound documents of those groups as acknowledged by the partner's 997; how many matched. */
    /**
     * What a partner's 997/999 said about one of our groups (AK1-02): ACKNOWLEDGED for AK9-01 A or E (accepted,
     * errors noted), PARTIALLY_ACCEPTED for P, REJECTED for R and the security refusals (M, W, X).
     */
    public record GroupAcknowledgment(String groupControl, String status) {
        public static GroupAcknowledgment of(String groupControl, String ak901) {
            String code = ak901 == null ? "" : ak901.trim();
            return new GroupAcknowledgment(groupControl, switch (code) {
                case "A", "E" -> "ACKNOWLEDGED";
                case "P" -> "PARTIALLY_ACCEPTED";
                default -> "REJECTED";
            });
        }
    }

    /** Marks our outbound documents of those groups with what the partner's 997 said; how many matched. */
    public Uni<Integer> acknowledge(SqlConnection conn, String partnerId, List<GroupAcknowledgment> groups) {
        return conn.preparedQuery(ACKNOWLEDGE).execute(Tuple.of(partnerId,
                        groups.stream().map(GroupAcknowledgment::groupControl).toArray(String[]::new),
                        groups.stream().map(GroupAcknowledgment::status).toArray(String[]::new)))
                .map(rows -> rows.rowCount());
    }

    /** The audit record of one message, written in the transaction of its effects. */
    public Uni<Void> record(SqlConnection conn, PartnerMessage m) {
        // A refused envelope is audited too, NUL and all (AuditedMessages.storable).
        return conn.preparedQuery(RECORD).execute(Tuple.from(Arrays.asList(m.id, m.partnerId, m.direction,
                        m.documentType, m.contentType, m.correlationId, m.replayOf,
                        AuditedMessages.storable(m.interchangeControl), AuditedMessages.storable(m.groupControl),
                        AuditedMessages.storable(m.setControl), m.orderKey, AuditedMessages.storable(m.rawPayload),
                        AuditedMessages.storable(m.parseResult), AuditedMessages.storable(m.acknowledgment), m.outcome,
                        AuditedMessages.storable(m.flags), m.receivedAt, m.completedAt, m.durationMicros, m.ackStatus,
                        m.ackDueAt, m.ackedAt)))
                .replaceWithVoid();
    }
}
