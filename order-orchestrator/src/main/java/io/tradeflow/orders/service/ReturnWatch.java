package io.tradeflow.orders.service;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tradeflow.orders.config.SagaConfig;
import io.tradeflow.orders.repository.CustomerOrder;
import io.tradeflow.orders.service.saga.StuckReason;

/**
 * Authorised returns the warehouse has not checked in within {@code tradeflow.orders.return-receipt} are listed stuck
 * WAITING_ON_WAREHOUSE. Returns have no deadline column of their own (the order's holds the order's next step), so
 * the few orders with an open return are looked at instead; the check-in clears the reason (OrderSaga).
 */
@ApplicationScoped
public class ReturnWatch {
    @Inject
    OrderDocuments documents;
    @Inject
    SagaConfig config;

    @Scheduled(every = "${tradeflow.orders.return-scan-interval}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scan() {
        OffsetDateTime due = OffsetDateTime.now().minus(config.returnReceipt());
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                                "select id from customer_order where returns like '%\"state\":\"AUTHORISED\"%' "
                                        + "and stuck_reason is null limit 100 for update skip locked", String.class)
                        .getResultList())
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(id -> CustomerOrder.<CustomerOrder>findById(id)
                                .chain(order -> flagIfOverdue(order, due)))
                        .collect().asList()))
                .replaceWithVoid();
    }

    private Uni<Void> flagIfOverdue(CustomerOrder order, OffsetDateTime due) {
        java.util.List<String> overdue = documents.returns(order).stream().filter(r ->
                ReturnAuthorisation.AUTHORISED.equals(r.state()) && r.authorisedAt() != null
                        && r.authorisedAt().isBefore(due)).map(ReturnAuthorisation::returnId).toList();
        if (overdue.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // On the timeline too, so whoever opens the order sees which return the warehouse still owes.
        return StuckFlag.raise(order, StuckReason.WAITING_ON_WAREHOUSE,
                "return " + String.join(", ", overdue) + " not checked in within " + config.returnReceipt());
    }
}
