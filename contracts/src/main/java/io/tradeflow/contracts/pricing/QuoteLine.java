package io.tradeflow.contracts.pricing;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tradeflow.contracts.common.Money;

/**
 * One priced (or unpriceable) line of a quote.
 *
 * @param sources    every ERP record used, with the version used
 * @param validUntil the earliest end of validity among the sources; null if none ends
 * @param unpriceableReason set, with prices null, when the line could not be priced
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QuoteLine(int lineNumber, String sku, BigDecimal quantity, String unitOfMeasure, Money unitPrice,
                        Money extendedPrice, PriceRule rule, AppliedPromotion promotion, List<PriceSource> sources,
                        OffsetDateTime validUntil, UnpriceableReason unpriceableReason, String unpriceableDetail) {

    public boolean priced() {
        return unpriceableReason == null;
    }
}
