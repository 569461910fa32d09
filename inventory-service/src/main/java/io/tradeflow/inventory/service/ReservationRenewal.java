package io.tradeflow.inventory.service;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.inventory.ReservationOutcome;
import io.tradeflow.contracts.inventory.ReservationStatus;

/**
 * Keeps a live hold from expiring: an order dated weeks ahead outlives the longest time to live a hold may ask for
 * (seven days, so a forgotten hold cannot keep stock off sale for ever), and its orchestrator renews it while the
 * order still waits for the warehouse. A renewal only ever moves the expiry later, so repeating one, or two replicas
 * renewing the same hold, is harmless; the figures do not change, so nothing is published.
 */
@ApplicationScoped
public class ReservationRenewal {
    @Inject
    ReservationRelease release;
    @Inject
    MeterRegistry registry;

    public Uni<ReservationOutcome> renew(String id, int ttlSeconds) {
        // The row lock orders a renewal against the expiry job: one that loses sees EXPIRED and is refused.
        return Panache.withTransaction(() -> ReservationRelease.locked(id)
                .map(reservation -> {
                    ReservationStatus current = ReservationStatus.valueOf(reservation.status);
                    if (!ReservationRelease.isHeld(current)) {
                        throw ReservationRelease.ended(id, current, "only a hold can be renewed");
                    }
                    OffsetDateTime asked = OffsetDateTime.now().plusSeconds(ttlSeconds);
                    ReservationOutcome outcome = release.outcomeOf(reservation);
                    if (!asked.isAfter(reservation.expiresAt)) {
                        return outcome;
                    }
                    reservation.expiresAt = asked;
                    ReservationOutcome renewed = new ReservationOutcome(outcome.reservationId(), outcome.orderId(),
                            outcome.status(), outcome.policy(), outcome.lines(), asked);
                    reservation.outcome = release.json(renewed);
                    registry.counter("tradeflow.inventory.reservations.renewed").increment();
                    return renewed;
                }));
    }
}
