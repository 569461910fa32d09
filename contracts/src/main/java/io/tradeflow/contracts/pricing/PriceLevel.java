package io.tradeflow.contracts.pricing;

/** The precedence level a base price comes from: contract beats tier, tier beats list. */
public enum PriceLevel {
    CONTRACT,
    TIER,
    LIST
}
