package io.tradeflow.contracts.inventory;

public enum ReservationStatus {
    /** Every line fully held. */
    HELD,
    /** Some quantity held, the rest backordered (PARTIAL policy). */
    PARTIALLY_HELD,
    /** Nothing held: ALL_OR_NOTHING with a shortfall, or nothing available at all. */
    INSUFFICIENT_STOCK,
    /**
     * Goods shipped: on hand and reserved both went down. A shipment that names its lines takes only those units,
     * and the hold keeps its status until every held unit has shipped.
     */
    COMMITTED,
    RELEASED,
    EXPIRED
}
