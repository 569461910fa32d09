package io.tradeflow.gateway.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The persisted push queue, on the plain reactive pool because it is polled often and needs no entity state.
 * A claim moves the rows' next attempt one lease ahead in the same statement that locks them (skip locked),
 * so no other replica takes them while this one pushes, and a replica that dies mid-push only delays them by
 * the lease.
 */
@ApplicationScoped
public class WebhookQueue {
    @Inject
    Pool pool;

    /** A document claimed for one push attempt, with what the push needs. */
    public record Claimed(String messageId, String partnerId, int attemptsBefore, String url, String secret,
                          String documentType, String contentType, String interchangeControl, String correlationId,
                          String payload) {
    }

    public Uni<List<Claimed>> claim(int limit, Collection<String> skipPartners, long leaseMillis) {
        // Through a connection, not pool.preparedQuery: with the database down, the pool's own query path leaves its
        // timeout timer running after the connect failed, and Vert.x then logs an IllegalStateException for each
        // poll (eclipse-vertx/vertx-sql-client#1706); this poll runs every second.
        return pool.withConnection(conn -> conn.preparedQuery("update webhook_delivery d "
                        + "set next_attempt_at = now() + $3 * interval '1 millisecond', updated_at = now() "
                        + "from partner_message m, partner p "
                        + "where d.message_id in (select message_id from webhook_delivery where status <> 'DELIVERED' "
                        + "and next_attempt_at <= now() and not (partner_id = any($2)) order by next_attempt_at "
                        + "limit $1 for update skip locked) and m.id = d.message_id and p.id = d.partner_id "
                        + "returning d.message_id, d.partner_id, d.attempts, p.webhook_url, p.webhook_secret, "
                        + "m.document_type, m.content_type, m.interchange_control, m.correlation_id, m.raw_payload")
                .execute(Tuple.of(limit, skipPartners.toArray(new String[0]), leaseMillis)))
                .map(rows -> {
                    List<Claimed> claimed = new ArrayList<>();
                    for (Row row : rows) {
                        claimed.add(new Claimed(row.getString("message_id"), row.getString("partner_id"),
                                row.getInteger("attempts"), row.getString("webhook_url"),
                                row.getString("webhook_secret"), row.getString("document_type"),
                                row.getString("content_type"), row.getString("interchange_control"),
                                row.getString("correlation_id"),
                                row.getString("raw_payload")));
                    }
                    return claimed;
                });
    }

    public Uni<Void> delivered(String messageId, int httpStatus) {
        return pool.preparedQuery("update webhook_delivery set status = 'DELIVERED', attempts = attempts + 1, "
                        + "delivered_at = now(), last_http_status = $2, last_error = null, updated_at = now() "
                        + "where message_id = $1")
                .execute(Tuple.of(messageId, httpStatus)).replaceWithVoid();
    }

    public Uni<Void> failed(String messageId, Integer httpStatus, String error, long retryInMillis) {
        return pool.preparedQuery("update webhook_delivery set status = 'FAILING', attempts = attempts + 1, "
                        + "last_http_status = $2, last_error = $3, next_attempt_at = now() + $4 * interval '1 millisecond', "
                        + "updated_at = now() where message_id = $1")
                .execute(Tuple.of(messageId, httpStatus, truncate(error), retryInMillis)).replaceWithVoid();
    }

    /** Gives a claimed document back without counting an attempt (its partner's circuit is open or busy). */
    public Uni<Void> release(String messageId, long retryInMillis, String reason) {
        return pool.preparedQuery("update webhook_delivery set next_attempt_at = now() + $2 * interval '1 millisecond', "
                        + "last_error = coalesce($3, last_error), updated_at = now() where message_id = $1")
                .execute(Tuple.of(messageId, retryInMillis, reason)).replaceWithVoid();
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 500 ? error : error.substring(0, 500);
    }
}
