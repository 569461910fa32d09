package io.tradeflow.contracts.orders;

public enum MilestoneStatus {
    PICKED_UP,
    IN_TRANSIT,
    OUT_FOR_DELIVERY,
    DELIVERED,
    /** Delay, damage, failed delivery attempt; {@code detail} says which. */
    EXCEPTION
}
