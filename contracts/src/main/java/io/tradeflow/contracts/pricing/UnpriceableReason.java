package io.tradeflow.contracts.pricing;

/** Why a quote line has no price; the other lines of the quote are still priced. */
public enum UnpriceableReason {
    UNKNOWN_SKU,
    NO_PRICE_IN_CURRENCY,
    BELOW_MINIMUM_QUANTITY,
    ABOVE_MAXIMUM_QUANTITY,
    NOT_A_QUANTITY_INCREMENT,
    UNIT_OF_MEASURE_MISMATCH
}
