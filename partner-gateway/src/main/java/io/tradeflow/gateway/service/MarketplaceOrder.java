package io.tradeflow.gateway.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import io.tradeflow.contracts.common.Address;

/** An order a marketplace partner sends as JSON instead of an X12 850. */
public record MarketplaceOrder(String orderNumber, LocalDate orderDate, LocalDate requestedDate, String currency,
                               Address shipTo, List<Line> lines) {

    /** @param unitPrice the marketplace's price, checked by pricing like a PO1-04 */
    public record Line(Integer lineNumber, String sku, BigDecimal quantity, String unitOfMeasure,
                       BigDecimal unitPrice) {
    }
}
