package io.tradeflow.platform.inbox;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

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
}
