package io.tradeflow.contracts.pricing;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tradeflow.contracts.common.Money;

/**
 * A price for a customer tier or a buying group (exactly one of the two is set); beats list.
 * A buying-group price beats a tier price when a customer has both.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TierPrice(String erpRecordId, long version, boolean deleted, String tier, String buyingGroup,
                        String sku, Money price, String unitOfMeasure, LocalDate validFrom, LocalDate validTo)
        implements ErpPricingRecord {
}
