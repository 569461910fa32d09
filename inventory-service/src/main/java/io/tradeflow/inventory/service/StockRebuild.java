package io.tradeflow.inventory.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tradeflow.inventory.repository.MovementRecord;
import io.tradeflow.inventory.repository.ReservationAllocation;
import io.tradeflow.inventory.repository.StockLevel;

/**
 * Recomputes every stock level from the movement log and the open reservations and reports where the
 * stored state differs: the check operations run after an incident or a manual database fix.
 * It reports; it does not overwrite.
 */
@ApplicationScoped
public class StockRebuild {

    public record Difference(String sku, String location, String figure, BigDecimal stored, BigDecimal rebuilt) {
    }

    public record Report(int levelsChecked, int movementsReplayed, List<Difference> differences) {
    }

    public Uni<Report> check() {
        return Panache.withSession(() -> MovementRecord.<MovementRecord>list("order by seq").chain(log ->
                ReservationAllocation.<ReservationAllocation>list(
                        "reservationId in (select r.id from Reservation r where r.status in ('HELD', 'PARTIALLY_HELD'))")
                        .chain(held -> StockLevel.<StockLevel>listAll().map(stored -> compare(log, held, stored)))));
    }

    private static Report compare(List<MovementRecord> log, List<ReservationAllocation> held, List<StockLevel> stored) {
        Map<String, StockLevel> rebuilt = StockReplay.replay(log);
        Map<String, BigDecimal> reserved = new LinkedHashMap<>();
        held.forEach(a -> reserved.merge(StockReplay.key(a.sku, a.locationId), a.quantity, BigDecimal::add));
        List<Difference> differences = new ArrayList<>();
        for (StockLevel level : stored) {
            String key = StockReplay.key(level.sku, level.locationId);
            StockLevel expected = rebuilt.get(key);
            BigDecimal onHand = expected == null ? BigDecimal.ZERO : expected.onHand;
            BigDecimal unavailable = expected == null ? BigDecimal.ZERO : expected.unavailable;
            check(differences, level, "onHand", level.onHand, onHand);
            check(differences, level, "unavailable", level.unavailable, unavailable);
            check(differences, level, "reserved", level.reserved, reserved.getOrDefault(key, BigDecimal.ZERO));
        }
        return new Report(stored.size(), log.size(), differences);
    }

    private static void check(List<Difference> differences, StockLevel level, String figure, BigDecimal stored,
                              BigDecimal rebuilt) {
        if (stored.compareTo(rebuilt) != 0) {
            differences.add(new Difference(level.sku, level.locationId, figure, StockPicture.plain(stored),
                    StockPicture.plain(rebuilt)));
        }
    }
}
