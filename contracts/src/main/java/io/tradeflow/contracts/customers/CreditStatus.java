package io.tradeflow.contracts.customers;

public enum CreditStatus {
    OK,
    /** Finance stopped new orders for this customer. */
    HOLD
}
