package io.tradeflow.orders.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.events.CloudEventTypes;
import io.tradeflow.contracts.orders.InvoicePosted;
import io.tradeflow.contracts.orders.SalesOrderAccepted;
import io.tradeflow.contracts.orders.SalesOrderRejected;
import io.tradeflow.orders.service.FulfilmentEvents;

/** The ERP's answers on {@code erp.sales-order-events}: accepted, rejected, invoice posted. */
@ApplicationScoped
public class SalesOrderEventConsumer {
    static final String CONSUMER = "erp-sales-order-events";

    @Inject
    FulfilmentEvents events;

    @Incoming("sales-order-events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return Uni.createFrom().deferred(() -> {
            CloudEvent event = Envelopes.open(record);
            return switch (event.type()) {
                case CloudEventTypes.SALES_ORDER_ACCEPTED ->
                        events.accepted(CONSUMER, event.id(), Envelopes.payload(event, SalesOrderAccepted.class));
                case CloudEventTypes.SALES_ORDER_REJECTED ->
                        events.rejected(CONSUMER, event.id(), Envelopes.payload(event, SalesOrderRejected.class));
                case CloudEventTypes.INVOICE_POSTED ->
                        events.invoiced(CONSUMER, event.id(), Envelopes.payload(event, InvoicePosted.class));
                // Credit memos belong to returns, which this saga does not run yet.
                default -> Uni.createFrom().voidItem();
            };
        });
    }
}
