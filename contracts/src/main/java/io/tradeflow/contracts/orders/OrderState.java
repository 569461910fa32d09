package io.tradeflow.contracts.orders;

/** The states an order passes through in the order-to-cash saga, as {@code orders.lifecycle} reports them. */
public enum OrderState {
    /** Taken in; nothing checked yet. */
    ACCEPTED,
    /** Customer exists, credit OK and within limit. */
    VALIDATED,
    PRICED,
    /** Stock reserved (in full or with backorders, per the customer's policy). */
    ALLOCATED,
    /** Sales order command sent to the ERP. */
    SUBMITTED,
    /** The ERP accepted the sales order and gave its number. */
    CONFIRMED,
    SHIPPED,
    DELIVERED,
    INVOICED,
    COMPLETED,
    /** Refused before the ERP knew of it (credit hold, over limit, no stock, no price). */
    REJECTED,
    /** Undoing earlier steps after a failure or a cancel. */
    COMPENSATING,
    CANCELLED,
    /** Failed for good after compensation. */
    FAILED,
    /** Compensation itself keeps failing; an incident for operations. */
    FAILED_TO_COMPENSATE;

    public boolean terminal() {
        return this == COMPLETED || this == REJECTED || this == CANCELLED || this == FAILED
                || this == FAILED_TO_COMPENSATE;
    }
}
