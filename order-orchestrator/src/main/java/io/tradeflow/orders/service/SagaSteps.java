package io.tradeflow.orders.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.inventory.ReservationPolicy;
import io.tradeflow.contracts.inventory.ReservationRequest;
import io.tradeflow.contracts.inventory.ShipmentCommit;
import io.tradeflow.contracts.orders.OrderState;
import io.tradeflow.contracts.orders.Shipment;
import io.tradeflow.orders.client.BusinessRefusal;
import io.tradeflow.orders.client.InventoryCalls;
import io.tradeflow.orders.config.SagaConfig;
import io.tradeflow.orders.repository.CustomerCredit;
import io.tradeflow.orders.repository.CustomerOrder;
import io.tradeflow.orders.repository.OrderRows;
import io.tradeflow.orders.service.saga.Decision;
import io.tradeflow.orders.service.saga.SagaEvent;
import io.tradeflow.platform.correlation.CorrelationIds;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The saga's own moves: each calls out (or reads local state), then hands the outcome to the saga in a
 * transaction (shared with the other steps that finished meanwhile) that only applies if the order is still
 * where the call left it. A 4xx is a business answer;
 * anything else is "unavailable" and the deadline scanner tries again with backoff.
 */
@ApplicationScoped
public class SagaSteps {
    private static final Logger LOG = Logger.getLogger(SagaSteps.class);

    @Inject
    SagaPosting posting;
    @Inject
    OrderRows rows;
    @Inject
    Pool pool;
    @Inject
    Pricing pricing;
    @Inject
    InventoryCalls inventory;
    @Inject
    OrderDocuments documents;
    @Inject
    SagaMetrics metrics;
    @Inject
    SagaConfig config;

    Uni<Decision> validate(CustomerOrder snapshot) {
        return posting.step(SagaPosting.Fire.step(snapshot.id, OrderState.ACCEPTED, true, (order, facts) -> {
            CustomerCredit c = facts.credit();
            snapshot.reservationPolicy = c == null ? null : c.reservationPolicy;
            String refusal = io.tradeflow.orders.service.saga.CreditRule.refusalBeforePricing(c != null,
                    c == null ? null : io.tradeflow.contracts.customers.CreditStatus.valueOf(c.creditStatus),
                    c == null ? null : c.creditLimit, c == null ? null : c.openBalance);
            return refusal == null ? new SagaEvent.CustomerValidated() : new SagaEvent.CustomerRefused(refusal);
        }));
    }

    Uni<Decision> price(CustomerOrder snapshot) {
        return pricing.price(snapshot)
                .chain(outcome -> posting.step(SagaPosting.Fire.step(snapshot.id, OrderState.VALIDATED, true,
                        (order, facts) -> {
                            snapshot.reservationPolicy = facts.credit() == null ? null
                                    : facts.credit().reservationPolicy;
                            return pricing.apply(order, outcome, facts);
                        })))
                .onFailure(BusinessRefusal.class).recoverWithUni(e -> outcome(snapshot.id, OrderState.VALIDATED,
                        new SagaEvent.PriceRefused("pricing refused: " + e.getMessage(),
                                io.tradeflow.orders.service.saga.StuckReason.PRICE_MISMATCH)))
                .onFailure().recoverWithUni(e -> unavailable(snapshot.id, OrderState.VALIDATED, "pricing-service", e));
    }

    Uni<Decision> reserve(CustomerOrder snapshot) {
        // Read with the credit check of the step before when this drive ran it; read now otherwise (after a restart).
        Uni<String> policyRead = snapshot.reservationPolicy != null ? Uni.createFrom().item(snapshot.reservationPolicy)
                : rows.reservationPolicy(pool, snapshot.customerId);
        return policyRead.chain(stored -> {
            ReservationPolicy policy = stored == null ? ReservationPolicy.ALL_OR_NOTHING
                    : ReservationPolicy.valueOf(stored);
            List<ReservationRequest.Line> lines = new ArrayList<>();
            for (OrderLineStatus l : documents.lines(snapshot)) {
                lines.add(new ReservationRequest.Line(l.sku(), l.quantity()));
            }
            ReservationRequest request = new ReservationRequest(snapshot.id, snapshot.id, snapshot.channel, policy,
                    config.reservationTtlSeconds(), lines);
            return inventory.reserve(request, CorrelationIds.current());
        }).chain(answer -> posting.step(SagaPosting.Fire.step(snapshot.id, OrderState.PRICED, false,
                        (order, facts) -> reserved(order, answer)))
                        .chain(decision -> decision != null ? Uni.createFrom().item(decision)
                                : releaseIfOvertaken(snapshot.id)))
                .onFailure(BusinessRefusal.class).recoverWithUni(e -> outcome(snapshot.id, OrderState.PRICED,
                        new SagaEvent.StockRefused(stockReason((BusinessRefusal) e))))
                .onFailure().recoverWithUni(e -> unavailable(snapshot.id, OrderState.PRICED, "inventory-service", e));
    }

    /**
     * The hold was made, but the order left PRICED meanwhile. When a cancel or failure overtook the call, its
     * release found nothing yet (404) and the order went on without stock held, so the hold made afterwards is
     * released here rather than kept until its time to live. When another drive of the same step won (the order
     * is ALLOCATED or later), the hold is that order's and stays.
     */
    private Uni<Decision> releaseIfOvertaken(String orderId) {
        return rows.read(pool, orderId).chain(order -> {
            if (order == null || !UNDONE.contains(OrderState.valueOf(order.state))) {
                return Uni.createFrom().<Decision>nullItem();
            }
            return inventory.release(orderId, CorrelationIds.current())
                    .invoke(() -> metrics.compensation("release-overtaken-reservation"))
                    .onFailure().invoke(e -> LOG.warnf("Order %s is %s but its late reservation could not be released "
                            + "(it expires with its time to live): %s", orderId, order.state, e.getMessage()))
                    .onFailure().recoverWithNull()
                    .replaceWith((Decision) null);
        });
    }

    /** States in which an order holds no stock any more, or is about to release it. */
    private static final java.util.Set<OrderState> UNDONE = java.util.EnumSet.of(OrderState.COMPENSATING,
            OrderState.CANCELLED, OrderState.REJECTED, OrderState.FAILED, OrderState.FAILED_TO_COMPENSATE);

    Uni<Decision> release(CustomerOrder snapshot) {
        return inventory.release(snapshot.id, CorrelationIds.current())
                .invoke(() -> metrics.compensation("release-reservation"))
                .chain(() -> holdEnded(snapshot.id, OrderState.COMPENSATING, new SagaEvent.ReservationReleased()))
                // A refusal (already committed or expired) leaves nothing to release.
                .onFailure(BusinessRefusal.class).recoverWithUni(e -> holdEnded(snapshot.id, OrderState.COMPENSATING,
                        new SagaEvent.ReservationReleased()))
                .onFailure().recoverWithUni(e -> unavailable(snapshot.id, OrderState.COMPENSATING,
                        "inventory-service release", e));
    }

    /**
     * Commits what the order's shipments took: each itemised shipment by its lines, everything still held when one
     * did not say what it carried; once invoiced, what no shipment took is released.
     */
    Uni<Decision> commit(CustomerOrder snapshot) {
        List<Shipment> shipments = documents.shipments(snapshot);
        List<OrderLineStatus> lines = documents.lines(snapshot);
        String correlationId = CorrelationIds.current();
        Uni<Void> calls = Uni.createFrom().voidItem();
        for (ShipmentCommit part : ShipmentCommits.itemised(lines, shipments)) {
            calls = calls.chain(() -> inventory.commit(snapshot.id, part, correlationId));
        }
        if (ShipmentCommits.takesEverythingHeld(shipments)) {
            calls = calls.chain(() -> inventory.commit(snapshot.id, null, correlationId));
        } else if (snapshot.invoice != null && ShipmentCommits.holdLeft(lines, shipments)) {
            // 409: every held unit has shipped after all, so nothing is left to release.
            calls = calls.chain(() -> inventory.release(snapshot.id, correlationId)
                    .onFailure(e -> e instanceof BusinessRefusal r && r.status() == 409).recoverWithNull());
        }
        // What a part shipment left stays held (and renewed) until a later shipment or the invoice.
        boolean holdEnds = !ShipmentCommits.holdLeft(lines, shipments) || snapshot.invoice != null;
        return calls
                .replaceWith((SagaEvent) new SagaEvent.ReservationCommitted())
                // The hold is gone (409 expired or released, 404 unknown): retrying cannot bring it back. Any other
                // 4xx (a token or role problem) is ours to fix, so it is retried like an outage.
                .onFailure(e -> e instanceof BusinessRefusal r && (r.status() == 409 || r.status() == 404))
                .recoverWithItem(e -> new SagaEvent.CommitRefused(e.getMessage()))
                .chain(event -> holdEnds || event instanceof SagaEvent.CommitRefused
                        ? holdEnded(snapshot.id, null, event) : outcome(snapshot.id, null, event))
                .onFailure().recoverWithUni(e -> unavailable(snapshot.id, null, "inventory-service commit", e));
    }

    private Uni<Decision> outcome(String orderId, OrderState expected, SagaEvent event) {
        return posting.step(SagaPosting.Fire.step(orderId, expected, false, (order, facts) -> event));
    }

    /** The event, and the order holds no stock any more: nothing left for HoldRenewals to renew. */
    private Uni<Decision> holdEnded(String orderId, OrderState expected, SagaEvent event) {
        return posting.step(SagaPosting.Fire.step(orderId, expected, false, (order, facts) -> {
            order.holdExpiresAt = null;
            return event;
        }));
    }

    private Uni<Decision> unavailable(String orderId, OrderState expected, String what, Throwable e) {
        String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return outcome(orderId, expected, new SagaEvent.StepUnavailable(what
                + " (" + (reason.length() > 200 ? reason.substring(0, 200) : reason) + ")"));
    }

    private SagaEvent reserved(CustomerOrder order, JsonNode answer) {
        List<OrderLineStatus> updated = new ArrayList<>();
        BigDecimal held = BigDecimal.ZERO;
        boolean backordered = false;
        for (OrderLineStatus l : documents.lines(order)) {
            JsonNode line = lineFor(answer, l.sku());
            BigDecimal reserved = line == null ? l.quantity() : decimal(line.get("reserved"), l.quantity());
            BigDecimal back = line == null ? BigDecimal.ZERO : decimal(line.get("backordered"), BigDecimal.ZERO);
            held = held.add(reserved);
            backordered |= back.signum() > 0;
            updated.add(l.reserved(reserved, back));
        }
        documents.lines(order, updated);
        if (held.signum() == 0) {
            return new SagaEvent.StockRefused("insufficient stock: nothing could be reserved");
        }
        order.holdExpiresAt = HoldRenewals.expiryOf(answer);
        return new SagaEvent.Reserved(backordered);
    }

    private static JsonNode lineFor(JsonNode answer, String sku) {
        for (JsonNode line : answer.path("lines")) {
            if (sku.equals(line.path("sku").asText())) {
                return line;
            }
        }
        return null;
    }

    private static BigDecimal decimal(JsonNode node, BigDecimal fallback) {
        return node == null || node.isNull() ? fallback : new BigDecimal(node.asText());
    }

    private static String stockReason(BusinessRefusal e) {
        return e.type().endsWith("insufficient-stock") ? "insufficient stock: " + e.getMessage()
                : "inventory refused the reservation: " + e.getMessage();
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now();
    }
}
