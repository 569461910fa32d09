package io.tradeflow.inventory.service;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.inventory.ReservationOutcome;
import io.tradeflow.contracts.inventory.ReservationStatus;
import io.tradeflow.inventory.repository.MovementRecord;
import io.tradeflow.inventory.repository.Reservation;
import io.tradeflow.inventory.repository.ReservationAllocation;
import io.tradeflow.inventory.repository.StockLevel;
import io.tradeflow.inventory.repository.StockRepository;
import io.tradeflow.platform.outbox.OutboxRelay;
import io.tradeflow.platform.problem.ProblemException;

/**
 * Ends a hold: commit (goods shipped: on hand and reserved both go down), release (reserved goes down) or
 * expiry (a release the clock decided). Repeating an ending is harmless; contradicting one is a 409.
 */
@ApplicationScoped
public class ReservationRelease {
    @Inject
    StockRepository stock;
    @Inject
    AvailabilityPublisher availability;
    @Inject
    OutboxRelay relay;
    @Inject
    ObjectMapper mapper;
    @Inject
    MeterRegistry registry;

    public Uni<ReservationOutcome> commit(String id) {
        return end(id, ReservationStatus.COMMITTED);
    }

    public Uni<ReservationOutcome> release(String id) {
        return end(id, ReservationStatus.RELEASED);
    }

    /** Releases one hold whose time ran out, if it is still held. */
    public Uni<Void> expire(String id) {
        return end(id, ReservationStatus.EXPIRED)
                .invoke(() -> registry.counter("tradeflow.inventory.reservations.expired").increment())
                .onFailure(ProblemException.class).recoverWithNull().replaceWithVoid();
    }

    private Uni<ReservationOutcome> end(String id, ReservationStatus ending) {
        // Locked first (see locked): the later of two endings sees the new status instead of subtracting again.
        return Panache.withTransaction(() -> locked(id)
                        .chain(reservation -> {
                            ReservationStatus current = ReservationStatus.valueOf(reservation.status);
                            if (current == ending || (ending == ReservationStatus.EXPIRED && !isHeld(current))) {
                                return Uni.createFrom().item(outcomeOf(reservation));
                            }
                            if (!isHeld(current)) {
                                throw ended(id, current, "it cannot become " + ending);
                            }
                            return endHeld(reservation, ending);
                        }))
                .invoke(relay::wakeUp);
    }

    private Uni<ReservationOutcome> endHeld(Reservation reservation, ReservationStatus ending) {
        return ReservationAllocation.<ReservationAllocation>list("reservationId", reservation.id)
                .chain(allocations -> {
                    List<String> skus = allocations.stream().map(a -> a.sku).distinct().toList();
                    return stock.lockSkus(skus).chain(states -> availability.locations().chain(locations ->
                            stock.levels(skus).chain(levels -> {
                                Map<String, StockPicture> before = availability.pictures(skus, levels, locations);
                                List<MovementRecord> shipments = new java.util.ArrayList<>();
                                for (ReservationAllocation a : allocations) {
                                    StockLevel level = levels.stream().filter(l -> l.sku.equals(a.sku)
                                            && l.locationId.equals(a.locationId)).findFirst().orElseThrow();
                                    level.reserved = level.reserved.subtract(a.quantity);
                                    if (ending == ReservationStatus.COMMITTED) {
                                        level.onHand = level.onHand.subtract(a.quantity);
                                        shipments.add(shipment(reservation.id, a));
                                    }
                                    level.updatedAt = OffsetDateTime.now();
                                }
                                Map<String, StockPicture> after = availability.pictures(skus, levels, locations);
                                ReservationOutcome previous = outcomeOf(reservation);
                                ReservationOutcome ended = new ReservationOutcome(previous.reservationId(),
                                        previous.orderId(), ending, previous.policy(), previous.lines(),
                                        previous.expiresAt());
                                reservation.status = ending.name();
                                reservation.outcome = json(ended);
                                return Panache.getSession().chain(session -> session.persistAll(shipments.toArray())
                                                .chain(() -> ending == ReservationStatus.COMMITTED
                                                        ? markedWhole(session, reservation.id)
                                                        : Uni.createFrom().voidItem()))
                                        .chain(() -> availability.publishChanges(states, before, after,
                                        "reservation:" + reservation.id + ":" + ending.name().toLowerCase(),
                                        OffsetDateTime.now())).replaceWith(ended);
                            })));
                });
    }

    /** The shipment id under which a commit of every held unit is recorded (see ReservationShipments). */
    static final String WHOLE = "*";

    private static Uni<Void> markedWhole(org.hibernate.reactive.mutiny.Mutiny.Session session, String reservationId) {
        return session.createNativeQuery("insert into reservation_shipment (reservation_id, shipment_id) "
                        + "values (?1, '" + WHOLE + "') on conflict do nothing")
                .setParameter(1, reservationId).executeUpdate().replaceWithVoid();
    }

    /** Shipped goods leave the log as a SHIPMENT, so rebuilds and reconciliations see them go. */
    private static MovementRecord shipment(String reservationId, ReservationAllocation a) {
        MovementRecord record = new MovementRecord();
        record.id = "commit:" + reservationId + ":" + a.sku + ":" + a.locationId;
        record.sku = a.sku;
        record.locationId = a.locationId;
        record.type = StockReplay.SHIPMENT;
        record.quantity = a.quantity;
        record.reason = "reservation " + reservationId + " committed";
        record.occurredAt = OffsetDateTime.now();
        return record;
    }

    /**
     * The reservation, its row locked for the caller's transaction (404 when unknown). Every change of a hold takes
     * this lock first, so concurrent ones (a retried DELETE, a commit racing the expiry job, a renewal) queue up and
     * each sees the status the one before left.
     */
    static Uni<Reservation> locked(String id) {
        return Reservation.<Reservation>findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Reservation", id));
    }

    /** The 409 for a hold that has ended (type reservation-committed, -released, -expired...) and what was refused. */
    static ProblemException ended(String id, ReservationStatus current, String refused) {
        return ProblemException.conflict("reservation-" + current.name().toLowerCase(),
                "Reservation " + id + " is " + current + "; " + refused);
    }

    static boolean isHeld(ReservationStatus status) {
        return status == ReservationStatus.HELD || status == ReservationStatus.PARTIALLY_HELD;
    }

    ReservationOutcome outcomeOf(Reservation reservation) {
        try {
            return mapper.readValue(reservation.outcome, ReservationOutcome.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored outcome of reservation " + reservation.id + " is unreadable", e);
        }
    }

    String json(ReservationOutcome outcome) {
        try {
            return mapper.writeValueAsString(outcome);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
