package io.tradeflow.contracts.orders;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tradeflow.contracts.common.Money;
import io.tradeflow.contracts.pricing.PriceRule;

/**
 * An order line as the saga knows it now.
 *
 * @param unitPrice     the price pricing set (null before PRICED)
 * @param reserved      quantity held for the line (null before ALLOCATED)
 * @param backordered   quantity not held (null before ALLOCATED)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LifecycleLine(int lineNumber, String sku, BigDecimal quantity, String unitOfMeasure, Money unitPrice,
                            PriceRule priceRule, BigDecimal reserved, BigDecimal backordered) {
}
