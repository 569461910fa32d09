package io.tradeflow.orders.service.saga;

/** Why an order has a deadline; the scanner hands a due one back to the saga as {@link SagaEvent.DeadlinePassed}. */
public enum DeadlineKind {
    /** The next step is ours (validate, price, reserve, release, commit): re-drive it if nobody did. */
    STEP_RETRY,
    /** The ERP should have accepted or rejected the sales order by now. */
    ERP_ANSWER,
    /** The ERP stayed silent for so long that the order is compensated. */
    ERP_GIVE_UP,
    /** The warehouse should have shipped by the requested date. */
    SHIPMENT,
    /** The ERP should have posted the invoice after delivery. */
    INVOICE
}
