package io.tradeflow.contracts.orders;

import com.fasterxml.jackson.annotation.JsonInclude;

/** @param erpOrderNumber null when the ERP has not answered the create yet; the ERP matches on orderId */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CancelSalesOrderCommand(String orderId, String erpOrderNumber, String reason)
        implements SalesOrderCommand {
}
