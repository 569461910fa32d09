package io.tradeflow.orders.service.saga;

/** The fixed taxonomy operations filter stuck orders by ({@code GET /orders?stuck=true}). */
public enum StuckReason {
    WAITING_ON_ERP,
    WAITING_ON_WAREHOUSE,
    SHORT_STOCK,
    PRICE_MISMATCH,
    IN_DLQ,
    COMPENSATION_FAILING
}
