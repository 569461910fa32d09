package io.tradeflow.orders.service.saga;

/** Everything that can happen to an order; the saga decides what each means in the order's state. */
public sealed interface SagaEvent {
    record CustomerValidated() implements SagaEvent {
    }

    /** Credit hold, over the limit, unknown customer. */
    record CustomerRefused(String reason) implements SagaEvent {
    }

    record Priced(String summary) implements SagaEvent {
    }

    /** A line without a price, an expired or foreign quote. */
    record PriceRefused(String reason, StuckReason category) implements SagaEvent {
    }

    /** The current step's system did not answer (after the client's own retries); try again later. */
    record StepUnavailable(String what) implements SagaEvent {
    }

    record Reserved(boolean backordered) implements SagaEvent {
    }

    record StockRefused(String reason) implements SagaEvent {
    }

    record ErpAccepted(String erpOrderNumber) implements SagaEvent {
    }

    record ErpRejected(String reason) implements SagaEvent {
    }

    /**
     * @param firstDocument the order had no shipment document yet (its delivery may have implied the shipment)
     * @param newShipment   a shipment the order had not had: the first, or another part of a split shipment (not
     *                      the warehouse resending one it corrected)
     */
    record Shipped(String summary, boolean firstDocument, boolean newShipment) implements SagaEvent {
        public Shipped(String summary) {
            this(summary, false, false);
        }
    }

    record ReservationCommitted() implements SagaEvent {
    }

    /** Inventory no longer holds the reservation (expired, released): the shipment went out unheld. */
    record CommitRefused(String reason) implements SagaEvent {
    }

    record Delivered(String summary) implements SagaEvent {
    }

    /** @param holdLeft the shipments left part of the reservation held, which nothing will ship now */
    record InvoicePosted(String invoiceNumber, boolean holdLeft) implements SagaEvent {
        public InvoicePosted(String invoiceNumber) {
            this(invoiceNumber, false);
        }
    }

    record CancelRequested(String reason) implements SagaEvent {
    }

    record ReservationReleased() implements SagaEvent {
    }

    record DeadlinePassed(DeadlineKind kind) implements SagaEvent {
    }

    /** A return was authorised against the shipped order; the summary goes on its timeline. */
    record ReturnAuthorised(String summary) implements SagaEvent {
    }

    /** The warehouse checked a return in: the ERP is asked for the credit memo when anything came back. */
    record ReturnReceived(String returnId, String summary, boolean toCredit) implements SagaEvent {
    }

    record CreditMemoPosted(String summary) implements SagaEvent {
    }
}
