package io.tradeflow.contracts.pricing;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tradeflow.contracts.common.Money;

/**
 * The effective price of a SKU changed for a channel and tier, on {@code pricing.price-changes}
 * (key = SKU), for storefront catalogs. Contract prices are customer-specific and not broadcast.
 *
 * @param tier          null for the list price everyone without a tier gets
 * @param previousPrice null when the SKU had no price before
 * @param price         null when the SKU no longer has a price (record deleted or expired)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PriceChanged(String sku, String channel, String tier, String unitOfMeasure, Money previousPrice,
                           Money price, PriceRule rule, AppliedPromotion promotion,
                           OffsetDateTime effectiveFrom, OffsetDateTime validUntil, List<PriceSource> sources) {
}
