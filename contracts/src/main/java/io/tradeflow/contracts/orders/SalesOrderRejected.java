package io.tradeflow.contracts.orders;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

/** @param code the ERP's own error code, when it has one */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SalesOrderRejected(String orderId, String code, String reason, OffsetDateTime rejectedAt) {
}
