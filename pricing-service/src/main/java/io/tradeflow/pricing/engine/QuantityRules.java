package io.tradeflow.pricing.engine;

import java.math.BigDecimal;

import io.tradeflow.contracts.pricing.QuantityRule;
import io.tradeflow.contracts.pricing.QuoteLine;
import io.tradeflow.contracts.pricing.UnpriceableReason;

/** ERP order-quantity constraints; a line breaking one is flagged, not priced at a quantity it cannot ship. */
final class QuantityRules {

    /** @return the unpriceable line, or null when the quantity is allowed */
    static QuoteLine check(QuantityRule rule, PricingEngine.Line line) {
        BigDecimal quantity = line.quantity();
        if (rule.minimum() != null && quantity.compareTo(rule.minimum()) < 0) {
            return line.unpriceable(UnpriceableReason.BELOW_MINIMUM_QUANTITY,
                    "minimum order quantity is " + rule.minimum().toPlainString());
        }
        if (rule.maximum() != null && quantity.compareTo(rule.maximum()) > 0) {
            return line.unpriceable(UnpriceableReason.ABOVE_MAXIMUM_QUANTITY,
                    "maximum order quantity is " + rule.maximum().toPlainString());
        }
        BigDecimal from = rule.minimum() == null ? BigDecimal.ZERO : rule.minimum();
        if (rule.increment() != null && rule.increment().signum() > 0
                && quantity.subtract(from).remainder(rule.increment()).signum() != 0) {
            return line.unpriceable(UnpriceableReason.NOT_A_QUANTITY_INCREMENT,
                    "order in multiples of " + rule.increment().toPlainString() + " from " + from.toPlainString());
        }
        return null;
    }

    private QuantityRules() {
    }
}
