package io.tradeflow.pricing.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import io.tradeflow.contracts.pricing.Promotion;

/**
 * Eligible promotions for a SKU on a channel. Stackable ones add up; an exclusive one applies alone. When both
 * kinds are eligible the customer gets whichever gives the larger discount, never both.
 */
final class Promotions {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final Comparator<Promotion> BY_ID = Comparator.comparing(Promotion::promotionId);

    /** The discount per unit, unrounded, and the promotions giving it. */
    record Chosen(BigDecimal discount, List<Promotion> used) {
        String promotionId() {
            return used.stream().map(Promotion::promotionId).collect(Collectors.joining("+"));
        }

        String name() {
            return used.stream().map(p -> p.name() == null ? p.promotionId() : p.name())
                    .collect(Collectors.joining(" + "));
        }
    }

    /** @param validToday promotions already filtered on their dates */
    static Chosen choose(List<Promotion> validToday, String sku, String channel, String currency, BigDecimal unit) {
        List<Promotion> stackable = null;
        List<Promotion> exclusive = null;
        for (Promotion p : validToday) {
            if ((p.skus() == null || p.skus().isEmpty() || p.skus().contains(sku))
                    && (p.channels() == null || p.channels().isEmpty() || p.channels().contains(channel))
                    && (p.amountOff() == null || p.amountOff().currency().equals(currency))) {
                if (p.stackable()) {
                    (stackable == null ? stackable = new ArrayList<>(2) : stackable).add(p);
                } else {
                    (exclusive == null ? exclusive = new ArrayList<>(2) : exclusive).add(p);
                }
            }
        }
        Chosen best = null;
        if (stackable != null) {
            stackable.sort(BY_ID);
            BigDecimal stacked = BigDecimal.ZERO;
            for (Promotion p : stackable) {
                // Percentages stack on the original price, so the order of stackable promotions does not matter.
                stacked = stacked.add(discount(p, unit));
            }
            best = new Chosen(stacked.min(unit), List.copyOf(stackable));
        }
        if (exclusive != null) {
            for (Promotion p : exclusive) {
                BigDecimal d = discount(p, unit).min(unit);
                if (best == null || d.compareTo(best.discount()) > 0) {
                    best = new Chosen(d, List.of(p));
                }
            }
        }
        return best;
    }

    private static BigDecimal discount(Promotion p, BigDecimal unit) {
        if (p.percentOff() != null) {
            return unit.multiply(p.percentOff()).divide(HUNDRED);
        }
        return p.amountOff() == null ? BigDecimal.ZERO : p.amountOff().amount();
    }

    private Promotions() {
    }
}
