package io.tradeflow.contracts.orders;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tradeflow.contracts.common.Money;

/** The ERP posted the invoice of an order, on {@code erp.sales-order-events}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvoicePosted(String orderId, String erpOrderNumber, String invoiceNumber, LocalDate invoiceDate,
                            LocalDate dueDate, Money subtotal, Money tax, Money total, List<Line> lines,
                            OffsetDateTime postedAt) {

    public record Line(int lineNumber, String sku, BigDecimal quantity, String unitOfMeasure, Money unitPrice,
                       Money extendedPrice) {
    }
}
