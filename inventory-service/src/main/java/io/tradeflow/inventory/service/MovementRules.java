package io.tradeflow.inventory.service;

import java.math.BigDecimal;
import java.util.Set;

import io.tradeflow.contracts.inventory.MovementType;
import io.tradeflow.contracts.inventory.StockMovement;
import io.tradeflow.inventory.repository.StockLevel;

/**
 * How each warehouse movement changes stock. Pure: the ledger loads and locks the levels, these rules change
 * them, so every rule is unit-tested without a database.
 */
public final class MovementRules {
    /** ADJUSTMENT reasons that move stock into or out of hold (damage, QA) instead of changing on hand. */
    static final Set<String> HOLD_REASONS = Set.of("DAMAGED", "QA_HOLD", "HOLD");

    /** Why a movement cannot be applied, or null when it can. Locations are checked by the ledger. */
    public static String invalidReason(StockMovement m) {
        if (m.sku() == null || m.sku().isBlank()) {
            return "sku is required";
        }
        if (m.location() == null || m.location().isBlank()) {
            return "location is required";
        }
        // The column widths of stock_level and movement: longer codes would fail in the database mid-batch.
        if (m.sku().length() > 64) {
            return "sku must be at most 64 characters";
        }
        if (m.location().length() > 40) {
            return "location must be at most 40 characters";
        }
        if (m.toLocation() != null && m.toLocation().length() > 40) {
            return "toLocation must be at most 40 characters";
        }
        if (m.reason() != null && m.reason().length() > 200) {
            return "reason must be at most 200 characters";
        }
        if (m.type() == null) {
            return "type is required (RECEIPT, PICK, ADJUSTMENT, CYCLE_COUNT, TRANSFER)";
        }
        if (m.quantity() == null) {
            return "quantity is required";
        }
        if (m.type() != MovementType.ADJUSTMENT && m.quantity().signum() < 0) {
            return "quantity must not be negative for " + m.type();
        }
        if (m.type() != MovementType.CYCLE_COUNT && m.type() != MovementType.ADJUSTMENT
                && m.quantity().signum() == 0) {
            return "quantity must be positive for " + m.type();
        }
        if (m.type() == MovementType.TRANSFER && (m.toLocation() == null || m.toLocation().isBlank())) {
            return "toLocation is required for TRANSFER";
        }
        if (m.type() == MovementType.TRANSFER && m.toLocation().equals(m.location())) {
            return "toLocation must differ from location";
        }
        if (m.expectedQuantity() != null && m.expectedQuantity().signum() < 0) {
            return "expectedQuantity must not be negative";
        }
        return null;
    }

    /**
     * Applies the movement to {@code from} (and {@code to} for transfers).
     *
     * @return the on-hand quantity recorded before a cycle count, for variance reporting; else null
     */
    public static BigDecimal apply(StockMovement m, StockLevel from, StockLevel to) {
        BigDecimal q = m.quantity();
        switch (m.type()) {
            case RECEIPT -> from.onHand = from.onHand.add(q);
            case PICK -> from.onHand = from.onHand.subtract(q);
            case ADJUSTMENT -> {
                if (m.reason() != null && HOLD_REASONS.contains(m.reason().toUpperCase())) {
                    from.unavailable = max0(from.unavailable.add(q));
                } else {
                    from.onHand = from.onHand.add(q);
                }
            }
            case CYCLE_COUNT -> {
                BigDecimal recorded = from.onHand;
                from.onHand = q;
                return recorded;
            }
            case TRANSFER -> {
                from.onHand = from.onHand.subtract(q);
                to.onHand = to.onHand.add(q);
            }
        }
        return null;
    }

    /** A count is a variance when the WMS expected something other than what we held. */
    public static boolean isVariance(StockMovement m, BigDecimal recorded) {
        return m.type() == MovementType.CYCLE_COUNT && m.expectedQuantity() != null
                && m.expectedQuantity().compareTo(recorded) != 0;
    }

    private static BigDecimal max0(BigDecimal value) {
        return value.signum() < 0 ? BigDecimal.ZERO : value;
    }

    private MovementRules() {
    }
}
