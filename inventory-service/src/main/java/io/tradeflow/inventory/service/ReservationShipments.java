package io.tradeflow.inventory.service;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.inventory.ReservationOutcome;
import io.tradeflow.contracts.inventory.ReservationStatus;
import io.tradeflow.contracts.inventory.ShipmentCommit;
import io.tradeflow.inventory.repository.MovementRecord;
import io.tradeflow.inventory.repository.Reservation;
import io.tradeflow.inventory.repository.ReservationAllocation;
import io.tradeflow.inventory.repository.StockLevel;
import io.tradeflow.inventory.repository.StockRepository;
import io.tradeflow.platform.outbox.OutboxRelay;
import io.tradeflow.platform.problem.ProblemException;

/**
 * Commits one shipment's goods against a reservation, for orders that leave in parts (two distribution centres, a
 * backorder filled later). What shipped is taken from the hold, the ship-from location's units first; units
 * shipped beyond the hold, or held at another location than the one they left from, left the ship-from location's
 * free stock, so its on hand goes down (and a hold elsewhere is released there). What was not shipped stays
 * held until a later shipment, a release or the expiry. Each shipment counts once (reservation_shipment).
 */
@ApplicationScoped
public class ReservationShipments {
    @Inject
    StockRepository stock;
    @Inject
    AvailabilityPublisher availability;
    @Inject
    ReservationRelease release;
    @Inject
    OutboxRelay relay;

    public Uni<ReservationOutcome> commit(String id, ShipmentCommit shipment) {
        return Panache.withTransaction(() -> ReservationRelease.locked(id)
                        .chain(reservation -> claim(id, shipment.shipmentId()).chain(first -> {
                            if (!first) {
                                return Uni.createFrom().item(release.outcomeOf(reservation));
                            }
                            ReservationStatus current = ReservationStatus.valueOf(reservation.status);
                            if (!ReservationRelease.isHeld(current) && current != ReservationStatus.COMMITTED) {
                                // The hold is gone: the goods that left were back on sale. The caller reconciles.
                                throw ReservationRelease.ended(id, current, "shipment " + shipment.shipmentId()
                                        + " cannot be committed against it");
                            }
                            return take(reservation, shipment);
                        })))
                .invoke(relay::wakeUp);
    }

    /**
     * True the first time this shipment is committed against this reservation, and only while the reservation was
     * not committed whole ({@link ReservationRelease#WHOLE}): that commit took every held unit, whichever shipment
     * carried them, so a shipment reported after it has nothing left to take.
     */
    private static Uni<Boolean> claim(String reservationId, String shipmentId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into reservation_shipment (reservation_id, shipment_id) select ?1, ?2 "
                                + "where not exists (select 1 from reservation_shipment where reservation_id = ?1 "
                                + "and shipment_id = '" + ReservationRelease.WHOLE + "') on conflict do nothing")
                .setParameter(1, reservationId).setParameter(2, shipmentId).executeUpdate()).map(n -> n > 0);
    }

    private Uni<ReservationOutcome> take(Reservation reservation, ShipmentCommit shipment) {
        Map<String, BigDecimal> shipped = new LinkedHashMap<>();
        shipment.lines().forEach(l -> shipped.merge(l.sku(), l.quantity(), BigDecimal::add));
        List<String> skus = List.copyOf(shipped.keySet());
        return ReservationAllocation.<ReservationAllocation>list("reservationId", reservation.id)
                .chain(allocations -> stock.lockSkus(skus).chain(states -> availability.locations().chain(locations ->
                        stock.levels(skus).chain(levels -> {
                            Map<String, StockPicture> before = availability.pictures(skus, levels, locations);
                            List<MovementRecord> moves = new ArrayList<>();
                            ReservationOutcome outcome = release.outcomeOf(reservation);
                            List<ReservationOutcome.Line> lines = new ArrayList<>(outcome.lines());
                            int index = 0;
                            for (Map.Entry<String, BigDecimal> line : shipped.entrySet()) {
                                takeLine(reservation.id, shipment, index++, line.getKey(), line.getValue(),
                                        allocations, levels, moves);
                                lines = recordShipped(lines, line.getKey(), line.getValue());
                            }
                            boolean allShipped = allocations.stream().allMatch(a -> a.quantity.signum() == 0);
                            ReservationStatus status = allShipped ? ReservationStatus.COMMITTED
                                    : ReservationStatus.valueOf(reservation.status);
                            ReservationOutcome after = new ReservationOutcome(outcome.reservationId(),
                                    outcome.orderId(), status, outcome.policy(), lines, outcome.expiresAt());
                            reservation.status = status.name();
                            reservation.outcome = release.json(after);
                            Map<String, StockPicture> pictures = availability.pictures(skus, levels, locations);
                            return Panache.getSession().chain(session -> session.persistAll(moves.toArray()))
                                    .chain(() -> availability.publishChanges(states, before, pictures,
                                            "reservation:" + reservation.id + ":shipment:" + shipment.shipmentId(),
                                            OffsetDateTime.now()))
                                    .replaceWith(after);
                        }))));
    }

    /** Takes one SKU's shipped units: from the hold (ship-from location first), the rest from free stock. */
    private static void takeLine(String reservationId, ShipmentCommit shipment, int index, String sku,
                                 BigDecimal quantity, List<ReservationAllocation> allocations, List<StockLevel> levels,
                                 List<MovementRecord> moves) {
        List<ReservationAllocation> held = allocations.stream().filter(a -> a.sku.equals(sku)
                        && a.quantity.signum() > 0)
                .sorted(Comparator.comparing((ReservationAllocation a) -> !a.locationId.equals(shipment.location()))
                        .thenComparing(a -> a.locationId))
                .toList();
        BigDecimal left = quantity;
        // Units held at another location than the one they left from: the goods physically left the ship-from
        // location, so its on hand goes down, and the hold elsewhere goes back on sale there.
        BigDecimal fromElsewhere = BigDecimal.ZERO;
        for (ReservationAllocation a : held) {
            BigDecimal take = left.min(a.quantity);
            if (take.signum() == 0) {
                break;
            }
            StockLevel holding = level(levels, sku, a.locationId);
            a.quantity = a.quantity.subtract(take);
            holding.reserved = holding.reserved.subtract(take);
            holding.updatedAt = OffsetDateTime.now();
            if (shipment.location() == null || shipment.location().equals(a.locationId)) {
                holding.onHand = holding.onHand.subtract(take);
                moves.add(shipmentMove(reservationId, shipment.shipmentId(), sku, a.locationId, take, false));
            } else {
                fromElsewhere = fromElsewhere.add(take);
            }
            left = left.subtract(take);
        }
        left = left.add(fromElsewhere);
        if (left.signum() == 0) {
            return;
        }
        String from = shipment.location() != null ? shipment.location()
                : allocations.stream().filter(a -> a.sku.equals(sku)).map(a -> a.locationId).findFirst().orElse(null);
        if (from == null) {
            throw ProblemException.invalidField("location", "shipment " + shipment.shipmentId() + " ships "
                    + sku + ", which reservation " + reservationId + " never held: name the location it left from");
        }
        StockLevel level = find(levels, sku, from).orElse(null);
        BigDecimal free = level == null ? BigDecimal.ZERO : level.onHand.subtract(level.reserved).max(BigDecimal.ZERO);
        if (free.compareTo(left) < 0) {
            throw ProblemException.conflict("shipment-exceeds-stock", "Shipment " + shipment.shipmentId() + " ships "
                    + left.toPlainString() + " of " + sku + " beyond the hold from " + from + ", which has only "
                    + free.toPlainString() + " unreserved on hand (lines[" + index + "].quantity)");
        }
        level.onHand = level.onHand.subtract(left);
        level.updatedAt = OffsetDateTime.now();
        moves.add(shipmentMove(reservationId, shipment.shipmentId(), sku, from, left, true));
    }

    private static List<ReservationOutcome.Line> recordShipped(List<ReservationOutcome.Line> lines, String sku,
                                                               BigDecimal quantity) {
        List<ReservationOutcome.Line> out = new ArrayList<>();
        boolean found = false;
        for (ReservationOutcome.Line l : lines) {
            if (!found && l.sku().equals(sku)) {
                out.add(l.withShipped(quantity));
                found = true;
            } else {
                out.add(l);
            }
        }
        if (!found) {
            out.add(new ReservationOutcome.Line(sku, null, BigDecimal.ZERO, null, null, quantity));
        }
        return out;
    }

    private static StockLevel level(List<StockLevel> levels, String sku, String location) {
        return find(levels, sku, location).orElseThrow(() -> new IllegalStateException("held stock of " + sku
                + " at " + location + " has no stock level"));
    }

    private static java.util.Optional<StockLevel> find(List<StockLevel> levels, String sku, String location) {
        return levels.stream().filter(l -> l.sku.equals(sku) && l.locationId.equals(location)).findFirst();
    }

    /** A SHIPMENT in the movement log, so rebuilds and reconciliations see the goods go. */
    private static MovementRecord shipmentMove(String reservationId, String shipmentId, String sku, String location,
                                               BigDecimal quantity, boolean beyondHold) {
        MovementRecord record = new MovementRecord();
        String id = "commit:" + reservationId + ":" + shipmentId + ":" + sku + ":" + location
                + (beyondHold ? ":beyond-hold" : "");
        // The log's id is at most 200 characters; long ids are made short the same way every time.
        record.id = id.length() <= 200 ? id
                : "commit:" + UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8));
        record.sku = sku;
        record.locationId = location;
        record.type = StockReplay.SHIPMENT;
        record.quantity = quantity;
        String reason = "shipment " + shipmentId + " of reservation " + reservationId
                + (beyondHold ? ", beyond its hold" : "");
        record.reason = reason.length() <= 200 ? reason : reason.substring(0, 200);
        record.occurredAt = OffsetDateTime.now();
        return record;
    }
}
