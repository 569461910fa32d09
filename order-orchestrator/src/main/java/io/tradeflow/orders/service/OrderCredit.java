package io.tradeflow.orders.service;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tradeflow.contracts.common.Money;

/** A credit memo the ERP posted against an order that is not for a return (price adjustment, short delivery, ...). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderCredit(String creditMemoNumber, Money total, String reason, OffsetDateTime postedAt) {
}
