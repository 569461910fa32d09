package io.tradeflow.contracts.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Order quantity constraints of a SKU; any of minimum, maximum and increment may be null. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QuantityRule(String erpRecordId, long version, boolean deleted, String sku, String unitOfMeasure,
                           BigDecimal minimum, BigDecimal maximum, BigDecimal increment, LocalDate validFrom,
                           LocalDate validTo) implements ErpPricingRecord {
}
