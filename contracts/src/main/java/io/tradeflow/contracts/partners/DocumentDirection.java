package io.tradeflow.contracts.partners;

/** Seen from the distributor: INBOUND comes from the partner, OUTBOUND goes to it. */
public enum DocumentDirection {
    INBOUND,
    OUTBOUND
}
