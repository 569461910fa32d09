package io.tradeflow.contracts.pricing;

import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tradeflow.contracts.common.Money;

/**
 * A kept quote; an order may refer to it by {@code quoteId} while it is valid.
 *
 * @param total    sum of the priced lines
 * @param warnings e.g. {@code customer-unknown} when the customer was priced at list
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Quote(String quoteId, String customerId, String channel, String currency, OffsetDateTime createdAt,
                    OffsetDateTime validUntil, List<QuoteLine> lines, Money total, List<String> warnings) {
}
