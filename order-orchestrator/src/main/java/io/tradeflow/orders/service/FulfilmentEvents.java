package io.tradeflow.orders.service;

import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.opentelemetry.api.trace.Span;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.orders.CarrierMilestone;
import io.tradeflow.contracts.orders.InvoicePosted;
import io.tradeflow.contracts.orders.MilestoneStatus;
import io.tradeflow.contracts.orders.SalesOrderAccepted;
import io.tradeflow.contracts.orders.SalesOrderRejected;
import io.tradeflow.contracts.orders.Shipment;
import io.tradeflow.orders.repository.CustomerOrder;
import io.tradeflow.orders.service.saga.SagaEvent;
import io.tradeflow.platform.inbox.Inbox;

/**
 * Answers from the ERP, the WMS and carriers, applied to the saga once each (Inbox in the same transaction).
 * An event for an order we do not know fails, so it lands in the DLQ where operations can replay it.
 */
@ApplicationScoped
public class FulfilmentEvents {
    @Inject
    Inbox inbox;
    @Inject
    SagaRunner runner;
    @Inject
    OrderDocuments documents;

    public Uni<Void> accepted(String consumer, String eventId, SalesOrderAccepted accepted) {
        return apply(consumer, eventId, accepted.orderId(),
                order -> Uni.createFrom().item(new SagaEvent.ErpAccepted(accepted.erpOrderNumber())));
    }

    public Uni<Void> rejected(String consumer, String eventId, SalesOrderRejected rejected) {
        return apply(consumer, eventId, rejected.orderId(),
                order -> Uni.createFrom().item(new SagaEvent.ErpRejected(rejected.reason())));
    }

    public Uni<Void> invoiced(String consumer, String eventId, InvoicePosted invoice) {
        return apply(consumer, eventId, invoice.orderId(), order -> {
            order.invoice = documents.write(invoice);
            return Uni.createFrom().item(new SagaEvent.InvoicePosted(invoice.invoiceNumber()));
        });
    }

    public Uni<Void> shipped(String consumer, String eventId, Shipment shipment) {
        return apply(consumer, eventId, shipment.orderId(), order -> {
            order.shipment = documents.write(shipment);
            return Uni.createFrom().item(new SagaEvent.Shipped("shipped " + shipment.shipmentId() + " via "
                    + shipment.carrier() + " tracking " + shipment.trackingNumber()));
        });
    }

    public Uni<Void> milestone(String consumer, String eventId, CarrierMilestone milestone) {
        if (milestone.status() != MilestoneStatus.DELIVERED) {
            // Only delivery moves the saga; other milestones are tracking detail the carrier keeps.
            return Panache.withTransaction(() -> inbox.firstDelivery(consumer, eventId)).replaceWithVoid();
        }
        return apply(consumer, eventId, milestone.orderId(), order -> Uni.createFrom().item(
                new SagaEvent.Delivered("delivered by " + milestone.carrier() + " (" + milestone.trackingNumber() + ")")));
    }

    private Uni<Void> apply(String consumer, String eventId, String orderId,
                            Function<CustomerOrder, Uni<SagaEvent>> effect) {
        if (orderId == null || orderId.isBlank()) {
            throw new IllegalArgumentException("orderId is missing");
        }
        Span.current().setAttribute("tradeflow.order_id", orderId);
        // One locked read: a missing order comes back as no decision (only a first delivery gets that far).
        return Panache.withTransaction(() -> inbox.firstDelivery(consumer, eventId).chain(first -> !first
                        ? Uni.createFrom().<io.tradeflow.orders.service.saga.Decision>nullItem()
                        : runner.applyInTransaction(orderId, null, effect).onItem().ifNull()
                                .failWith(() -> new IllegalStateException("order " + orderId
                                        + " is unknown to the orchestrator"))))
                .invoke(decision -> runner.afterCommit(orderId, decision))
                .replaceWithVoid();
    }
}
