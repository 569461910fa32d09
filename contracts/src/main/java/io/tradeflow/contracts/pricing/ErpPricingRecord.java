package io.tradeflow.contracts.pricing;

import java.time.LocalDate;

/**
 * What every pricing record from the ERP on {@code erp.prices} carries, so ingestion can apply one rule to
 * all kinds: a record with an older {@code version} than the one held never overwrites it, the same
 * version again has no effect, {@code deleted} removes it.
 * <p>
 * {@code validFrom}/{@code validTo} are inclusive calendar dates in the distributor's business time
 * zone (ERPs date contracts, they do not timestamp them); either may be null for open-ended.
 */
public interface ErpPricingRecord {
    String erpRecordId();

    long version();

    boolean deleted();

    LocalDate validFrom();

    LocalDate validTo();
}
