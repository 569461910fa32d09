package io.tradeflow.contracts.orders;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tradeflow.contracts.common.Money;

/** The ERP posted a credit memo for a return, on {@code erp.sales-order-events} (key = orderId). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreditMemoPosted(String orderId, String returnId, String customerId, String creditMemoNumber,
                               Money total, OffsetDateTime postedAt) {
}
