package io.tradeflow.contracts.pricing;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tradeflow.contracts.common.Money;

/** The list price of a SKU in one currency and unit. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListPrice(String erpRecordId, long version, boolean deleted, String sku, Money price,
                        String unitOfMeasure, LocalDate validFrom, LocalDate validTo) implements ErpPricingRecord {
}
