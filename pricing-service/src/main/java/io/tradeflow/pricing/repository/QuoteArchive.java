package io.tradeflow.pricing.repository;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Kept quotes. A quote is one row written by one auto-committed statement: on the hot path that is one
 * round trip instead of begin/insert/commit, and nothing else needs to commit with it (no event leaves).
 */
@ApplicationScoped
public class QuoteArchive {
    @Inject
    Pool pool;

    public Uni<Void> keep(String id, String customerId, String channel, String currency, OffsetDateTime createdAt,
                          OffsetDateTime validUntil, String body) {
        return pool.preparedQuery("insert into quote (id, customer_id, channel, currency, created_at, valid_until, body) "
                        + "values ($1, $2, $3, $4, $5, $6, $7)")
                .execute(Tuple.from(new Object[] {id, customerId, channel, currency, createdAt, validUntil, body}))
                .replaceWithVoid();
    }

    /** The quote body as returned when it was made, or null. */
    public Uni<String> body(String id) {
        return pool.preparedQuery("select body from quote where id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("body"));
    }
}
