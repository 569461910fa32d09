package io.tradeflow.contracts.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tradeflow.contracts.common.Money;

/**
 * From {@code minimumQuantity} on, the price at {@code level} becomes {@code price}, or is reduced by
 * {@code percentOff} (exactly one of the two is set).
 *
 * @param levelKey the contract id for CONTRACT, the tier or buying group for TIER, null for LIST
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VolumeBreak(String erpRecordId, long version, boolean deleted, String sku, PriceLevel level,
                          String levelKey, BigDecimal minimumQuantity, String unitOfMeasure, Money price,
                          BigDecimal percentOff, LocalDate validFrom, LocalDate validTo)
        implements ErpPricingRecord {
}
