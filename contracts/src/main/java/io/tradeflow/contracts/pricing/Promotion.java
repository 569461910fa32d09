package io.tradeflow.contracts.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tradeflow.contracts.common.Money;

/**
 * A dated discount: {@code percentOff} or {@code amountOff} per unit (exactly one is set).
 *
 * @param channels  the channels it applies to; empty or null for every channel
 * @param skus      the SKUs it applies to; empty or null for every SKU
 * @param stackable true if it combines with other stackable promotions; an exclusive one applies alone
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Promotion(String erpRecordId, long version, boolean deleted, String promotionId, String name,
                        BigDecimal percentOff, Money amountOff, List<String> channels, List<String> skus,
                        boolean stackable, LocalDate validFrom, LocalDate validTo) implements ErpPricingRecord {
}
