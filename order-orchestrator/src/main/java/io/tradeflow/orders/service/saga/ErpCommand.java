package io.tradeflow.orders.service.saga;

/** What the saga asks of the ERP; written to the outbox in the transaction of the decision. */
public sealed interface ErpCommand {
    record SubmitSalesOrder() implements ErpCommand {
    }

    /** @param erpOrderNumber null when the ERP never answered; it then matches on the order id */
    record CancelSalesOrder(String erpOrderNumber, String reason) implements ErpCommand {
    }

    /** Credit what came back on the order's return {@code returnId}. */
    record CreateCreditMemo(String returnId) implements ErpCommand {
    }
}
