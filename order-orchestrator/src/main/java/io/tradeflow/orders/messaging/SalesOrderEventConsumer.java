package io.tradeflow.orders.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.events.CloudEventTypes;
import io.tradeflow.contracts.orders.CreditMemoPosted;
import io.tradeflow.contracts.orders.InvoicePosted;
import io.tradeflow.contracts.orders.SalesOrderAccepted;
import io.tradeflow.contracts.orders.SalesOrderRejected;
import io.tradeflow.orders.service.FulfilmentEvents;

/** The ERP's answers on {@code erp.sales-order-events}: accepted, rejected, invoice and credit memo posted; a poll at a time. */
@ApplicationScoped
public class SalesOrderEventConsumer {
    static final String CONSUMER = "erp-sales-order-events";

    @Inject
    FulfilmentEvents events;
    @Inject
    SagaEventPolls polls;

    @Incoming("sales-order-events")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return polls.consume(CONSUMER, records, event -> switch (event.type()) {
            case CloudEventTypes.SALES_ORDER_ACCEPTED ->
                    events.accepted(event, Envelopes.payload(event, SalesOrderAccepted.class));
            case CloudEventTypes.SALES_ORDER_REJECTED ->
                    events.rejected(event, Envelopes.payload(event, SalesOrderRejected.class));
            case CloudEventTypes.INVOICE_POSTED ->
                    events.invoiced(event, Envelopes.payload(event, InvoicePosted.class));
            case CloudEventTypes.CREDIT_MEMO_POSTED ->
                    events.credited(event, Envelopes.payload(event, CreditMemoPosted.class));
            default -> throw new IllegalArgumentException("unexpected event type " + event.type()
                    + " on erp.sales-order-events");
        });
    }
}
