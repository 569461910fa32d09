package io.tradeflow.inventory.service;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tradeflow.inventory.repository.Reservation;

/**
 * Holds whose time to live ran out are released (and the release published), so an order that never
 * came back does not keep stock away from every channel.
 */
@ApplicationScoped
public class ExpiredHolds {
    @Inject
    ReservationRelease release;

    @Scheduled(every = "${tradeflow.inventory.expiry-scan:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    public Uni<Void> releaseExpired() {
        return Panache.withSession(() -> Reservation.<Reservation>find(
                                "status in ('HELD', 'PARTIALLY_HELD') and expiresAt < ?1 order by expiresAt",
                                OffsetDateTime.now())
                        .page(0, 200).list())
                .map(list -> list.stream().map(r -> r.id).toList())
                .chain(this::expireEach);
    }

    private Uni<Void> expireEach(List<String> ids) {
        return Multi.createFrom().iterable(ids).onItem().transformToUniAndConcatenate(release::expire)
                .collect().asList().replaceWithVoid();
    }
}
