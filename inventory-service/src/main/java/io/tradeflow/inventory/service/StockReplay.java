package io.tradeflow.inventory.service;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tradeflow.contracts.inventory.MovementType;
import io.tradeflow.contracts.inventory.StockMovement;
import io.tradeflow.inventory.repository.MovementRecord;
import io.tradeflow.inventory.repository.StockLevel;

/**
 * Recomputes on-hand and held stock per (SKU, location) by replaying the movement log in the order it was
 * applied, with the same rules as live movements. Shipments (reservation commits) are logged as
 * {@value #SHIPMENT} and take goods out like a pick.
 */
public final class StockReplay {
    public static final String SHIPMENT = "SHIPMENT";

    /** Levels keyed by "sku|location", holding replayed onHand and unavailable. */
    public static Map<String, StockLevel> replay(List<MovementRecord> log) {
        Map<String, StockLevel> levels = new LinkedHashMap<>();
        for (MovementRecord m : log) {
            StockLevel from = level(levels, m.sku, m.locationId);
            if (SHIPMENT.equals(m.type)) {
                from.onHand = from.onHand.subtract(m.quantity);
                continue;
            }
            MovementType type = MovementType.valueOf(m.type);
            StockLevel to = type == MovementType.TRANSFER ? level(levels, m.sku, m.toLocationId) : null;
            MovementRules.apply(new StockMovement(m.sku, m.locationId, type, m.quantity, m.toLocationId,
                    m.expectedQuantity, m.reason, m.occurredAt), from, to);
        }
        return levels;
    }

    public static String key(String sku, String location) {
        return sku + "|" + location;
    }

    public static BigDecimal onHand(Map<String, StockLevel> levels, String sku, String location) {
        StockLevel level = levels.get(key(sku, location));
        return level == null ? BigDecimal.ZERO : level.onHand;
    }

    private static StockLevel level(Map<String, StockLevel> levels, String sku, String location) {
        return levels.computeIfAbsent(key(sku, location), k -> {
            StockLevel level = new StockLevel();
            level.sku = sku;
            level.locationId = location;
            return level;
        });
    }

    private StockReplay() {
    }
}
