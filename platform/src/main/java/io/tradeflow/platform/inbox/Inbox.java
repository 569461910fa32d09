package io.tradeflow.platform.inbox;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Consumer-side deduplication. Call inside the transaction that applies the event: the insert and the
 * effect commit or roll back together, so a redelivered event is seen as already processed.
 */
@ApplicationScoped
public class Inbox {

    /** True the first time {@code consumer} sees {@code eventId}; false for a redelivery. */
    public Uni<Boolean> firstDelivery(String consumer, String eventId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into processed_event (consumer, event_id) values (?1, ?2) "
                        + "on conflict do nothing")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /**
     * The set-based form for consumers that apply a whole poll with the plain SQL client: one statement marks
     * every id on {@code conn} (inside the transaction of the effect) and answers those seen for the first time.
     */
    public Uni<Set<String>> firstDeliveries(SqlConnection conn, String consumer, Collection<String> eventIds) {
        return conn.preparedQuery("insert into processed_event (consumer, event_id) select $1, unnest($2::varchar[]) "
                        + "on conflict do nothing returning event_id")
                .execute(Tuple.of(consumer, eventIds.toArray(new String[0])))
                .map(rows -> {
                    Set<String> fresh = new HashSet<>();
                    rows.forEach(row -> fresh.add(row.getString(0)));
                    return fresh;
                });
    }

    /** Un-marks ids whose events turned out not to apply, so a redelivery is judged again. */
    public Uni<Void> forget(SqlConnection conn, String consumer, Collection<String> eventIds) {
        return conn.preparedQuery("delete from processed_event where consumer = $1 and event_id = any($2::varchar[])")
                .execute(Tuple.of(consumer, eventIds.toArray(new String[0])))
                .replaceWithVoid();
    }
}
