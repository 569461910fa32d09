package io.tradeflow.contracts.inventory;

/** What happened to stock at a location, as the warehouse reports it. */
public enum MovementType {
    /** Goods received: on hand goes up by the quantity. */
    RECEIPT,
    /** Goods picked for shipment: on hand goes down by the quantity. */
    PICK,
    /** Signed correction: positive adds, negative removes (damage, found stock). */
    ADJUSTMENT,
    /** Absolute count: on hand becomes the quantity. */
    CYCLE_COUNT,
    /** Quantity moves from {@code location} to {@code toLocation}. */
    TRANSFER
}
