package io.tradeflow.contracts.inventory;

/** How a reservation treats a shortfall; the customer's ERP master says which one applies. */
public enum ReservationPolicy {
    /** Hold everything or nothing; a shortfall refuses the whole reservation. */
    ALL_OR_NOTHING,
    /** Hold what is there and backorder the rest. */
    PARTIAL
}
