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
        List<Promotion> eligible = validToday.stream()
                .filter(p -> p.skus() == null || p.skus().isEmpty() || p.skus().contains(sku))
                .filter(p -> p.channels() == null || p.channels().isEmpty() || p.channels().contains(channel))
                .filter(p -> p.amountOff() == null || p.amountOff().currency().equals(currency))
                .toList();
        if (eligible.isEmpty()) {
            return null;
        }
        List<Promotion> stackable = new ArrayList<>();
        BigDecimal stacked = BigDecimal.ZERO;
        for (Promotion p : eligible.stream().filter(Promotion::stackable)
                .sorted(Comparator.comparing(Promotion::promotionId)).toList()) {
            stackable.add(p);
            // Percentages stack on the original price, so the order of stackable promotions does not matter.
            stacked = stacked.add(discount(p, unit));
        }
        Chosen best = stackable.isEmpty() ? null : new Chosen(stacked.min(unit), List.copyOf(stackable));
        for (Promotion p : eligible.stream().filter(p -> !p.stackable()).toList()) {
            BigDecimal d = discount(p, unit).min(unit);
            if (best == null || d.compareTo(best.discount()) > 0) {
                best = new Chosen(d, List.of(p));
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
