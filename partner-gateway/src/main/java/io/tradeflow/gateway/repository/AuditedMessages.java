package io.tradeflow.gateway.repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** The audit records of a batch of interchanges (InterchangeBatches), written by one set-based insert. */
public final class AuditedMessages {
    static final String MESSAGES = "insert into partner_message (id, partner_id, direction, document_type, "
            + "content_type, correlation_id, replay_of, interchange_control, group_control, set_control, order_key, "
            + "raw_payload, parse_result, acknowledgment, outcome, flags, received_at, completed_at, duration_micros) "
            + "select * from unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], "
            + "$6::varchar[], $7::varchar[], $8::varchar[], $9::varchar[], $10::varchar[], $11::varchar[], $12::text[], "
            + "$13::text[], $14::text[], $15::varchar[], $16::varchar[], $17::timestamptz[], $18::timestamptz[], "
            + "$19::bigint[])";

    static Uni<Void> insert(SqlConnection conn, List<PartnerMessage> m) {
        return conn.preparedQuery(MESSAGES).execute(Tuple.from(List.of(
                text(m, x -> x.id),
                text(m, x -> x.partnerId),
                text(m, x -> x.direction),
                text(m, x -> x.documentType),
                text(m, x -> x.contentType),
                text(m, x -> x.correlationId),
                text(m, x -> x.replayOf),
                text(m, x -> x.interchangeControl),
                text(m, x -> x.groupControl),
                text(m, x -> x.setControl),
                text(m, x -> x.orderKey),
                text(m, x -> x.rawPayload),
                text(m, x -> x.parseResult),
                text(m, x -> x.acknowledgment),
                text(m, x -> x.outcome),
                text(m, x -> x.flags),
                m.stream().map(x -> x.receivedAt).toArray(OffsetDateTime[]::new),
                m.stream().map(x -> x.completedAt).toArray(OffsetDateTime[]::new),
                m.stream().map(x -> x.durationMicros).toArray(Long[]::new))))
                .replaceWithVoid();
    }

    /**
     * One text column of the messages: a partner's document may carry a NUL anywhere (a set control number, a value
     * echoed in our 997), which no PostgreSQL text can hold; the audit record keeps U+FFFD in its place.
     */
    private static String[] text(List<PartnerMessage> messages, Function<PartnerMessage, String> field) {
        String[] values = new String[messages.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = storable(field.apply(messages.get(i)));
        }
        return values;
    }

    /** The text as PostgreSQL can keep it: U+FFFD where a partner's document had a NUL. */
    public static String storable(String value) {
        return value == null || value.indexOf('\u0000') < 0 ? value : value.replace('\u0000', '\uFFFD');
    }

    private AuditedMessages() {
    }
}
