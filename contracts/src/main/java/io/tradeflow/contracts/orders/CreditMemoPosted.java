package io.tradeflow.contracts.orders;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tradeflow.contracts.common.Money;

/**
 * The ERP posted a credit memo against an order, on {@code erp.sales-order-events} (key = orderId): for a return
 * (returnId set), or on its own (returnId absent: a price adjustment, a short delivery or a billing dispute settled).
 *
 * @param reason why the ERP credited, as its user entered it; optional
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreditMemoPosted(String orderId, String returnId, String customerId, String creditMemoNumber,
                               Money total, OffsetDateTime postedAt, String reason) {
    public CreditMemoPosted(String orderId, String returnId, String customerId, String creditMemoNumber, Money total,
                            OffsetDateTime postedAt) {
        this(orderId, returnId, customerId, creditMemoNumber, total, postedAt, null);
    }
}
