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
import io.tradeflow.contracts.orders.CreditMemoPosted;
import io.tradeflow.contracts.orders.ReturnReceived;
import io.tradeflow.contracts.orders.Shipment;
import io.tradeflow.orders.repository.CustomerOrder;
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
            return new SagaEvent.InvoicePosted(invoice.invoiceNumber(), ShipmentCommits.holdLeft(documents.lines(order),
                    documents.shipments(order)));
        });
    }

    public Fire shipped(CloudEvent event, Shipment shipment) {
        return fire(event, shipment.orderId(), (order, facts) -> {
            boolean first = order.shipments == null;
            boolean added = documents.addShipment(order, shipment);
            return new SagaEvent.Shipped((first || !added ? "shipped " : "shipped another part, ")
                    + shipment.shipmentId() + " via " + shipment.carrier() + " tracking " + shipment.trackingNumber(),
                    first, added);
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

    /** The warehouse checked a return in: what arrived is recorded and the ERP asked for the credit memo. */
    public Fire returnReceived(CloudEvent event, ReturnReceived received) {
        return fire(event, received.orderId(), (order, facts) -> {
            ReturnAuthorisation rma = documents.returnOf(order, received.returnId()).orElseThrow(() ->
                    new IllegalArgumentException("return " + received.returnId() + " is unknown on order " + order.id));
            ReturnAuthorisation checkedIn = ReturnRules.receive(rma, received);
            documents.returns(order, replaced(documents.returns(order), checkedIn));
            String arrived = checkedIn.lastReceipt().stream().map(c -> {
                ReturnAuthorisation.Line l = checkedIn.lines().stream().filter(x -> x.lineNumber() == c.lineNumber())
                        .findFirst().orElseThrow();
                return c.quantity().stripTrailingZeros().toPlainString() + " x " + l.sku()
                        + (l.condition() == null ? "" : " " + l.condition().toLowerCase());
            }).collect(java.util.stream.Collectors.joining(", "));
            return new SagaEvent.ReturnReceived(rma.returnId(), "return " + rma.returnId() + " received"
                    + (received.location() == null ? "" : " at " + received.location()) + ": "
                    + (arrived.isEmpty() ? "nothing more than already credited, nothing to credit"
                    : arrived + "; credit memo requested"), !arrived.isEmpty());
        });
    }

    public Fire credited(CloudEvent event, CreditMemoPosted memo) {
        if (memo.returnId() == null) {
            return fire(event, memo.orderId(), (order, facts) -> creditedWithoutReturn(order, memo));
        }
        return fire(event, memo.orderId(), (order, facts) -> {
            ReturnAuthorisation rma = documents.returnOf(order, memo.returnId()).orElseThrow(() ->
                    new IllegalArgumentException("return " + memo.returnId() + " is unknown on order " + order.id));
            if (memo.creditMemoNumber() != null && rma.creditMemos().contains(memo.creditMemoNumber())) {
                return new SagaEvent.CreditMemoPosted("credit memo " + memo.creditMemoNumber() + " for return "
                        + rma.returnId() + " repeated, already credited");
            }
            if (ReturnAuthorisation.AUTHORISED.equals(rma.state())) {
                throw new IllegalArgumentException("credit memo " + memo.creditMemoNumber() + " for return "
                        + rma.returnId() + ", which the warehouse has not checked in");
            }
            if (ReturnAuthorisation.CREDITED.equals(rma.state())) {
                return creditBeyondGoods(order, rma, memo);
            }
            documents.returns(order, replaced(documents.returns(order), ReturnRules.credit(rma, memo)));
            return new SagaEvent.CreditMemoPosted("return " + rma.returnId() + " credited: credit memo "
                    + memo.creditMemoNumber() + (memo.total() == null ? ""
                    : " for " + memo.total().amount().toPlainString() + " " + memo.total().currency()));
        });
    }

    /**
     * A second memo for a return whose goods are all credited already (nothing checked in since): the ERP posted it,
     * so the customer was credited and the order says so, but not as returned goods. It is kept with the order's other
     * credits and the timeline calls it what it may be, a duplicate credit for finance to look at.
     */
    private SagaEvent creditBeyondGoods(CustomerOrder order, ReturnAuthorisation rma, CreditMemoPosted memo) {
        CreditMemoPosted outside = new CreditMemoPosted(memo.orderId(), null, memo.customerId(),
                memo.creditMemoNumber(), memo.total(),
                memo.postedAt(), "for return " + rma.returnId() + " beyond its goods, already credited by memo "
                        + rma.creditMemoNumber() + (memo.reason() == null ? "" : "; " + memo.reason()));
        boolean repeated = hasCredit(order, memo.creditMemoNumber());
        SagaEvent kept = creditedWithoutReturn(order, outside);
        return repeated ? kept : new SagaEvent.CreditMemoPosted("possible duplicate credit: "
                + ((SagaEvent.CreditMemoPosted) kept).summary());
    }

    /** A credit that is not for returned goods: kept on the order once per memo number and noted on its timeline. */
    private SagaEvent creditedWithoutReturn(CustomerOrder order, CreditMemoPosted memo) {
        if (memo.creditMemoNumber() == null || memo.creditMemoNumber().isBlank()) {
            throw new IllegalArgumentException("creditMemoNumber is missing");
        }
        if (memo.total() == null || memo.total().amount() == null || memo.total().amount().signum() <= 0) {
            throw new IllegalArgumentException("total must be a positive amount");
        }
        if (order.currency != null && !order.currency.equals(memo.total().currency())) {
            throw new IllegalArgumentException("total.currency " + memo.total().currency() + " is not the order's "
                    + order.currency);
        }
        java.util.List<OrderCredit> credits = documents.credits(order);
        if (hasCredit(order, memo.creditMemoNumber())) {
            return new SagaEvent.CreditMemoPosted("credit memo " + memo.creditMemoNumber() + " repeated, already "
                    + "credited");
        }
        java.util.List<OrderCredit> more = new java.util.ArrayList<>(credits);
        more.add(new OrderCredit(memo.creditMemoNumber(), memo.total(), memo.reason(),
                memo.postedAt() == null ? java.time.OffsetDateTime.now() : memo.postedAt()));
        documents.credits(order, more);
        return new SagaEvent.CreditMemoPosted("credited by the ERP: credit memo " + memo.creditMemoNumber() + " for "
                + memo.total().amount().toPlainString() + " " + memo.total().currency()
                + (memo.reason() == null ? "" : " (" + memo.reason() + ")"));
    }

    private boolean hasCredit(CustomerOrder order, String creditMemoNumber) {
        return documents.credits(order).stream().anyMatch(c -> c.creditMemoNumber().equals(creditMemoNumber));
    }

    private static java.util.List<ReturnAuthorisation> replaced(java.util.List<ReturnAuthorisation> all,
                                                                ReturnAuthorisation changed) {
        return all.stream().map(r -> r.returnId().equals(changed.returnId()) ? changed : r).toList();
    }

    private static Fire fire(CloudEvent event, String orderId, SagaPosting.Effect effect) {
        if (orderId == null || orderId.isBlank()) {
            throw new IllegalArgumentException("orderId is missing");
        }
        return new Fire(event.id(), orderId, null, effect, false, event.correlationId(), event.traceparent());
    }
}
