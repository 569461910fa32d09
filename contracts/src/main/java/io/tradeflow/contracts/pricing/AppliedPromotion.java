package io.tradeflow.contracts.pricing;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tradeflow.contracts.common.Money;

/** @param discount per unit */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppliedPromotion(String promotionId, String name, Money discount) {
}
