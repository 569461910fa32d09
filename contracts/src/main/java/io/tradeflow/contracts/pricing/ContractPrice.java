package io.tradeflow.contracts.pricing;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tradeflow.contracts.common.Money;

/** A price negotiated in a customer contract; beats tier and list. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContractPrice(String erpRecordId, long version, boolean deleted, String contractId, String customerId,
                            String sku, Money price, String unitOfMeasure, LocalDate validFrom, LocalDate validTo)
        implements ErpPricingRecord {
}
