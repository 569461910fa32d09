package io.tradeflow.orders.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One order line as the saga knows it: what was asked, the price pricing set (rule and ERP source) and
 * what inventory held. Stored as JSON on the order and shown by {@code GET /orders/{id}}.
 *
 * @param requestedUnitPrice the price the buyer expected (partner PO), compared, never used
 * @param priceFlag          set when the buyer's price or the quote's price differs from what pricing says now
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderLineStatus(int lineNumber, String sku, BigDecimal quantity, String unitOfMeasure,
                              BigDecimal requestedUnitPrice, BigDecimal unitPrice, BigDecimal extendedPrice,
                              String priceRule, String priceSource, OffsetDateTime priceValidUntil, String priceFlag,
                              BigDecimal reserved, BigDecimal backordered) {

    public static OrderLineStatus requested(int lineNumber, String sku, BigDecimal quantity, String unitOfMeasure,
                                            BigDecimal requestedUnitPrice) {
        return new OrderLineStatus(lineNumber, sku, quantity, unitOfMeasure == null ? "EA" : unitOfMeasure,
                requestedUnitPrice, null, null, null, null, null, null, null, null);
    }

    public OrderLineStatus priced(BigDecimal unit, BigDecimal extended, String rule, String source,
                                  OffsetDateTime validUntil, String flag) {
        return new OrderLineStatus(lineNumber, sku, quantity, unitOfMeasure, requestedUnitPrice, unit, extended, rule,
                source, validUntil, flag, reserved, backordered);
    }

    public OrderLineStatus reserved(BigDecimal held, BigDecimal back) {
        return new OrderLineStatus(lineNumber, sku, quantity, unitOfMeasure, requestedUnitPrice, unitPrice,
                extendedPrice, priceRule, priceSource, priceValidUntil, priceFlag, held, back);
    }
}
