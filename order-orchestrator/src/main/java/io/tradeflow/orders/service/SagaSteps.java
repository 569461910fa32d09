package io.tradeflow.orders.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.inventory.ReservationPolicy;
import io.tradeflow.contracts.inventory.ReservationRequest;
import io.tradeflow.contracts.orders.OrderState;
import io.tradeflow.orders.client.BusinessRefusal;
import io.tradeflow.orders.client.InventoryCalls;
import io.tradeflow.orders.config.SagaConfig;
import io.tradeflow.orders.repository.CustomerCredit;
import io.tradeflow.orders.repository.CustomerOrder;
import io.tradeflow.orders.service.saga.Decision;
import io.tradeflow.orders.service.saga.SagaEvent;
import io.tradeflow.platform.correlation.CorrelationIds;

/**
 * The saga's own moves: each calls out (or reads local state), then hands the outcome to the saga in a
 * transaction that only applies if the order is still where the call left it. A 4xx is a business answer;
 * anything else is "unavailable" and the deadline scanner tries again with backoff.
 */
@ApplicationScoped
public class SagaSteps {
    @Inject
    SagaRunner runner;
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
        return runner.step(snapshot.id, OrderState.ACCEPTED, order -> CustomerCredit.<CustomerCredit>findById(order.customerId)
                .map(c -> {
                    String refusal = io.tradeflow.orders.service.saga.CreditRule.refusalBeforePricing(c != null,
                            c == null ? null : io.tradeflow.contracts.customers.CreditStatus.valueOf(c.creditStatus),
                            c == null ? null : c.creditLimit, c == null ? null : c.openBalance);
                    return refusal == null ? new SagaEvent.CustomerValidated() : new SagaEvent.CustomerRefused(refusal);
                }));
    }

    Uni<Decision> price(CustomerOrder snapshot) {
        return pricing.price(snapshot)
                .chain(outcome -> runner.step(snapshot.id, OrderState.VALIDATED, order -> pricing.apply(order, outcome)))
                .onFailure(BusinessRefusal.class).recoverWithUni(e -> runner.step(snapshot.id, OrderState.VALIDATED,
                        order -> Uni.createFrom().item(new SagaEvent.PriceRefused("pricing refused: " + e.getMessage(),
                                io.tradeflow.orders.service.saga.StuckReason.PRICE_MISMATCH))))
                .onFailure().recoverWithUni(e -> unavailable(snapshot.id, OrderState.VALIDATED, "pricing-service", e));
    }

    Uni<Decision> reserve(CustomerOrder snapshot) {
        return Panache.withSession(() -> CustomerCredit.<CustomerCredit>findById(snapshot.customerId)).chain(credit -> {
            ReservationPolicy policy = credit == null || credit.reservationPolicy == null
                    ? ReservationPolicy.ALL_OR_NOTHING : ReservationPolicy.valueOf(credit.reservationPolicy);
            List<ReservationRequest.Line> lines = new ArrayList<>();
            for (OrderLineStatus l : documents.lines(snapshot)) {
                lines.add(new ReservationRequest.Line(l.sku(), l.quantity()));
            }
            ReservationRequest request = new ReservationRequest(snapshot.id, snapshot.id, snapshot.channel, policy,
                    config.reservationTtlSeconds(), lines);
            return inventory.reserve(request, CorrelationIds.current());
        }).chain(answer -> runner.step(snapshot.id, OrderState.PRICED, order -> reserved(order, answer)))
                .onFailure(BusinessRefusal.class).recoverWithUni(e -> runner.step(snapshot.id, OrderState.PRICED,
                        order -> Uni.createFrom().item(new SagaEvent.StockRefused(stockReason((BusinessRefusal) e)))))
                .onFailure().recoverWithUni(e -> unavailable(snapshot.id, OrderState.PRICED, "inventory-service", e));
    }

    Uni<Decision> release(CustomerOrder snapshot) {
        return inventory.release(snapshot.id, CorrelationIds.current())
                .invoke(() -> metrics.compensation("release-reservation"))
                .chain(() -> runner.step(snapshot.id, OrderState.COMPENSATING,
                        order -> Uni.createFrom().item(new SagaEvent.ReservationReleased())))
                // A refusal (already committed or expired) leaves nothing to release.
                .onFailure(BusinessRefusal.class).recoverWithUni(e -> runner.step(snapshot.id, OrderState.COMPENSATING,
                        order -> Uni.createFrom().item(new SagaEvent.ReservationReleased())))
                .onFailure().recoverWithUni(e -> unavailable(snapshot.id, OrderState.COMPENSATING,
                        "inventory-service release", e));
    }

    Uni<Decision> commit(CustomerOrder snapshot) {
        return inventory.commit(snapshot.id, CorrelationIds.current())
                .onFailure(BusinessRefusal.class).recoverWithNull()
                .chain(() -> runner.step(snapshot.id, null,
                        order -> Uni.createFrom().item(new SagaEvent.ReservationCommitted())))
                .onFailure().recoverWithUni(e -> unavailable(snapshot.id, null, "inventory-service commit", e));
    }

    private Uni<Decision> unavailable(String orderId, OrderState expected, String what, Throwable e) {
        String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return runner.step(orderId, expected, order -> Uni.createFrom().item(new SagaEvent.StepUnavailable(what
                + " (" + (reason.length() > 200 ? reason.substring(0, 200) : reason) + ")")));
    }

    private Uni<SagaEvent> reserved(CustomerOrder order, JsonNode answer) {
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
            return Uni.createFrom().item(new SagaEvent.StockRefused("insufficient stock: nothing could be reserved"));
        }
        return Uni.createFrom().item(new SagaEvent.Reserved(backordered));
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
