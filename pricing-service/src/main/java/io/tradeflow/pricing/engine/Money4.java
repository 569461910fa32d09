package io.tradeflow.pricing.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/** Rounding to a currency's minor unit, HALF_EVEN (banker's rounding) as ERPs post amounts. */
final class Money4 {

    static BigDecimal round(BigDecimal amount, String currency) {
        int digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        return amount.setScale(digits, RoundingMode.HALF_EVEN);
    }

    private Money4() {
    }
}
