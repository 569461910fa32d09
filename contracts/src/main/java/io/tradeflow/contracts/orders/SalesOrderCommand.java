package io.tradeflow.contracts.orders;

/** A command to the ERP on {@code erp.sales-order-commands} (key = orderId). */
public sealed interface SalesOrderCommand permits CreateSalesOrderCommand, CancelSalesOrderCommand,
        CreateCreditMemoCommand {
    String orderId();
}
