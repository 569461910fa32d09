package io.tradeflow.contracts.pricing;

/** The rule that set a quoted unit price, most specific last applied. */
public enum PriceRule {
    CONTRACT,
    TIER,
    LIST,
    /** A volume break at the base price's level. */
    VOLUME_BREAK,
    /** A promotion applied on top of the base or break price. */
    PROMOTION
}
