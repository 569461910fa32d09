package io.tradeflow.orders.service;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.orders.OrderState;
import io.tradeflow.orders.service.saga.SagaEvent;
import io.tradeflow.platform.problem.ProblemException;

/**
 * Authorises returns (RMAs) under the order's lock, so two authorisations against one order never return the same
 * units twice; the warehouse's check-in and the ERP's credit memo then arrive as events (FulfilmentEvents).
 */
@ApplicationScoped
public class ReturnDesk {
    @Inject
    SagaRunner runner;
    @Inject
    OrderDocuments documents;

    /** @param created false when the Idempotency-Key had authorised it already */
    public record Authorised(String orderId, ReturnAuthorisation rma, boolean created) {
    }

    public Uni<Authorised> authorise(String orderId, String idempotencyKey, String reason,
                                     List<ReturnRules.RequestedLine> requested) {
        Authorised[] outcome = new Authorised[1];
        return Panache.withTransaction(() -> runner.applyInTransaction(orderId, null, order -> {
            List<ReturnAuthorisation> returns = documents.returns(order);
            for (ReturnAuthorisation earlier : returns) {
                if (idempotencyKey != null && idempotencyKey.equals(earlier.idempotencyKey())) {
                    if (!sameLines(earlier, requested)) {
                        throw ProblemException.conflict("idempotency-key-reused", "Idempotency-Key " + idempotencyKey
                                + " authorised return " + earlier.returnId() + " with other lines");
                    }
                    outcome[0] = new Authorised(order.id, earlier, false);
                    return Uni.createFrom().item(new SagaEvent.ReturnAuthorised(null));
                }
            }
            ReturnAuthorisation rma = ReturnRules.authorise(
                    "RMA-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(), idempotencyKey, reason,
                    OrderState.valueOf(order.state), documents.lines(order), documents.shipments(order), returns,
                    requested, OffsetDateTime.now());
            List<ReturnAuthorisation> all = new ArrayList<>(returns);
            all.add(rma);
            documents.returns(order, all);
            outcome[0] = new Authorised(order.id, rma, true);
            String what = rma.lines().stream().map(l -> l.authorised().stripTrailingZeros().toPlainString() + " x "
                    + l.sku()).collect(java.util.stream.Collectors.joining(", "));
            return Uni.createFrom().item(new SagaEvent.ReturnAuthorised("return " + rma.returnId() + " authorised: "
                    + what + (reason == null ? "" : " (" + reason + ")")));
        })).map(decision -> {
            if (decision == null) {
                throw ProblemException.notFound("Order", orderId);
            }
            return outcome[0];
        });
    }

    private static boolean sameLines(ReturnAuthorisation earlier, List<ReturnRules.RequestedLine> requested) {
        if (earlier.lines().size() != requested.size()) {
            return false;
        }
        for (int i = 0; i < requested.size(); i++) {
            ReturnAuthorisation.Line l = earlier.lines().get(i);
            if (l.lineNumber() != requested.get(i).lineNumber()
                    || l.authorised().compareTo(requested.get(i).quantity()) != 0) {
                return false;
            }
        }
        return true;
    }
}
