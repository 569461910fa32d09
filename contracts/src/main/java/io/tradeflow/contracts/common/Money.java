package io.tradeflow.contracts.common;

import java.math.BigDecimal;

/**
 * An amount in one currency. Amounts are exact decimals; rounding to the currency's minor unit is
 * the pricing rules' job, not the wire format's.
 *
 * @param currency ISO 4217 code, e.g. {@code USD}
 */
public record Money(BigDecimal amount, String currency) {

    public static Money of(String amount, String currency) {
        return new Money(new BigDecimal(amount), currency);
    }
}
