package io.tradeflow.contracts.pricing;

/** One ERP record a price was computed from, at the version used. */
public record PriceSource(String erpRecordId, long version) {
}
