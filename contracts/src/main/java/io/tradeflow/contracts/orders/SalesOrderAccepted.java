package io.tradeflow.contracts.orders;

import java.time.OffsetDateTime;

/** The ERP created the sales order, on {@code erp.sales-order-events} (key = orderId). */
public record SalesOrderAccepted(String orderId, String erpOrderNumber, OffsetDateTime acceptedAt) {
}
