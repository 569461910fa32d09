package io.tradeflow.gateway.repository;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The PO claims of a batch of interchanges (InterchangeBatches): each accepted 850 claims its partner's PO number once,
 * and the claim that wins becomes the canonical order. A PO claimed before is claimed again only when its last attempt
 * was refused (the partner was sent a rejecting 855): a new attempt, with the attempt in its order key.
 */
final class PartnerOrderClaims {
    static final String CLAIMS = "insert into partner_order (partner_id, po_number, order_key, po_date, canonical, "
            + "message_id) select * from unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::date[], $5::text[], "
            + "$6::varchar[]) on conflict do nothing returning message_id, po_number";
    static final String RECLAIMS = "update partner_order p set order_key = c.order_key || '#' || (p.attempt + 1), "
            + "attempt = p.attempt + 1, po_date = c.po_date, canonical = c.canonical, message_id = c.message_id, "
            + "received_at = now(), refused_at = null, po_ack_sent_at = null, po_ack_overdue_at = null "
            + "from unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::date[], $5::text[], $6::varchar[]) "
            + "as c(partner_id, po_number, order_key, po_date, canonical, message_id) "
            + "where p.partner_id = c.partner_id and p.po_number = c.po_number and p.refused_at is not null "
            + "returning c.message_id, p.po_number, p.order_key";

    /** The claim's identity in the sets below: the inbound message it came in and its PO number. */
    static String key(PartnerOrder claim) {
        return claim.messageId + '\u0000' + claim.poNumber;
    }

    /** @return the {@link #key}s of the claims that became orders (first claims, and new attempts of refused POs) */
    static Uni<Set<String>> claim(SqlConnection conn, List<PartnerOrder> all) {
        if (all.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return conn.preparedQuery(CLAIMS).execute(claimTuple(all)).map(rows -> {
            Set<String> claimed = new HashSet<>();
            for (Row row : rows) {
                claimed.add(row.getString(0) + '\u0000' + row.getString(1));
            }
            return claimed;
        }).chain(claimed -> reclaims(conn, all, claimed));
    }

    /**
     * The POs already known are claimed again when their last attempt was refused: a new attempt, with the attempt in
     * its order key. Only the rare repeats pay for this statement; UPDATE ... FROM takes a PO sent twice once.
     */
    private static Uni<Set<String>> reclaims(SqlConnection conn, List<PartnerOrder> all, Set<String> claimed) {
        List<PartnerOrder> repeats = all.stream()
                .filter(c -> !claimed.contains(key(c))).toList();
        if (repeats.isEmpty()) {
            return Uni.createFrom().item(claimed);
        }
        return conn.preparedQuery(RECLAIMS).execute(claimTuple(repeats)).map(rows -> {
            Set<String> taken = new HashSet<>(claimed);
            for (Row row : rows) {
                String messageId = row.getString(0);
                String po = row.getString(1);
                taken.add(messageId + '\u0000' + po);
                repeats.stream().filter(c -> c.messageId.equals(messageId) && c.poNumber.equals(po))
                        .forEach(c -> c.orderKey = row.getString(2));
            }
            return taken;
        });
    }

    private static Tuple claimTuple(List<PartnerOrder> all) {
        return Tuple.of(
                all.stream().map(c -> c.partnerId).toArray(String[]::new),
                all.stream().map(c -> c.poNumber).toArray(String[]::new),
                all.stream().map(c -> c.orderKey).toArray(String[]::new),
                all.stream().map(c -> c.poDate).toArray(LocalDate[]::new),
                all.stream().map(c -> c.canonical).toArray(String[]::new),
                all.stream().map(c -> c.messageId).toArray(String[]::new));
    }

    private PartnerOrderClaims() {
    }
}
