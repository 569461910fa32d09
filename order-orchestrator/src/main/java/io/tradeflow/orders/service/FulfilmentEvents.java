package io.tradeflow.orders.service;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.orders.CarrierMilestone;
import io.tradeflow.contracts.orders.InvoicePosted;
import io.tradeflow.contracts.orders.MilestoneStatus;
import io.tradeflow.contracts.orders.SalesOrderAccepted;
import io.tradeflow.contracts.orders.SalesOrderRejected;
import io.tradeflow.contracts.orders.Shipment;
import io.tradeflow.orders.service.SagaPosting.Fire;
import io.tradeflow.orders.service.SagaPosting.Outcome;
import io.tradeflow.orders.service.saga.OrderSaga;
import io.tradeflow.orders.service.saga.SagaEvent;
import io.tradeflow.platform.outbox.OutboxRelay;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Answers from the ERP, the WMS and carriers, a whole Kafka poll per transaction: each event applied to the saga
 * once (its id marked in the same transaction). An event for an order we do not know comes back as
 * {@link Outcome#unknown()}, unmarked, so the consumer dead-letters it and operations can replay it.
 */
@ApplicationScoped
public class FulfilmentEvents {
    @Inject
    SagaPosting posting;
    @Inject
    SagaRunner runner;
    @Inject
    OrderDocuments documents;
    @Inject
    Pool pool;
    @Inject
    OutboxRelay relay;

    /** Applies the poll's events in order in one transaction; after commit, kicks the orders whose next move is ours. */
    public Uni<List<Outcome>> apply(String consumer, List<Fire> fires) {
        return pool.withTransaction(conn -> posting.post(conn, consumer, fires)).invoke(outcomes -> afterCommit(fires,
                outcomes));
    }

    /** Kicks each order whose next move is ours once, as the poll left it (an order may have had several events). */
    private void afterCommit(List<Fire> fires, List<Outcome> outcomes) {
        Map<String, Outcome> last = new LinkedHashMap<>();
        Set<String> changed = new HashSet<>();
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            if (o.decision() != null) {
                last.put(fires.get(i).orderId(), o);
                if (o.decision().changed()) {
                    changed.add(fires.get(i).orderId());
                }
            }
        }
        if (last.isEmpty()) {
            return;
        }
        relay.wakeUp();
        last.forEach((orderId, o) -> {
            if (changed.contains(orderId) && OrderSaga.ourMove(o.decision().next())) {
                runner.kick(orderId, o.order());
            }
        });
    }

    public Fire accepted(CloudEvent event, SalesOrderAccepted accepted) {
        return fire(event, accepted.orderId(), (order, facts) -> new SagaEvent.ErpAccepted(accepted.erpOrderNumber()));
    }

    public Fire rejected(CloudEvent event, SalesOrderRejected rejected) {
        return fire(event, rejected.orderId(), (order, facts) -> new SagaEvent.ErpRejected(rejected.reason()));
    }

    public Fire invoiced(CloudEvent event, InvoicePosted invoice) {
        return fire(event, invoice.orderId(), (order, facts) -> {
            order.invoice = documents.write(invoice);
            return new SagaEvent.InvoicePosted(invoice.invoiceNumber());
        });
    }

    public Fire shipped(CloudEvent event, Shipment shipment) {
        return fire(event, shipment.orderId(), (order, facts) -> {
            order.shipment = documents.write(shipment);
            return new SagaEvent.Shipped("shipped " + shipment.shipmentId() + " via " + shipment.carrier()
                    + " tracking " + shipment.trackingNumber());
        });
    }

    public Fire milestone(CloudEvent event, CarrierMilestone milestone) {
        if (milestone.status() != MilestoneStatus.DELIVERED) {
            // Only delivery moves the saga; other milestones are tracking detail the carrier keeps.
            return new Fire(event.id(), null, null, null, false, event.correlationId(), event.traceparent());
        }
        return fire(event, milestone.orderId(), (order, facts) -> new SagaEvent.Delivered("delivered by "
                + milestone.carrier() + " (" + milestone.trackingNumber() + ")"));
    }

    /** Processed already, nothing to apply: a credit memo, which belongs to returns (not run by this saga yet). */
    public Fire ignored(CloudEvent event) {
        return new Fire(event.id(), null, null, null, false, event.correlationId(), event.traceparent());
    }

    private static Fire fire(CloudEvent event, String orderId, SagaPosting.Effect effect) {
        if (orderId == null || orderId.isBlank()) {
            throw new IllegalArgumentException("orderId is missing");
        }
        return new Fire(event.id(), orderId, null, effect, false, event.correlationId(), event.traceparent());
    }
}
