package io.tradeflow.contracts.common;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Who a document is for. {@code customerId} is the ERP customer number, the key every system shares;
 * {@code name} is informative only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomerRef(String customerId, String name) {
}
