package io.tradeflow.contracts.orders;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tradeflow.contracts.common.Money;

/**
 * @param unitPrice the price the buyer expects (a partner's PO1-04, a marketplace price); optional,
 *                  pricing decides the price and a difference is flagged, not silently used
 * @param buyerPartNumber the partner's own item number, when it sent one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderLine(int lineNumber, String sku, BigDecimal quantity, String unitOfMeasure, Money unitPrice,
                        String buyerPartNumber) {
}
