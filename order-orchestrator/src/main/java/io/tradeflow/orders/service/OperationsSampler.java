package io.tradeflow.orders.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.orders.OrderState;
import io.tradeflow.orders.service.saga.StuckReason;

/** Refreshes the gauges (orders by state, stuck by reason, invoices awaited, dead letters waiting) from the database. */
@ApplicationScoped
public class OperationsSampler {
    @Inject
    SagaMetrics metrics;

    @Scheduled(every = "10s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sample() {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("select state, count(*) from customer_order group by state", Object[].class)
                .getResultList()
                .invoke(rows -> {
                    for (OrderState state : OrderState.values()) {
                        metrics.ordersInState(state, count(rows, state.name()));
                    }
                })
                .chain(() -> session.createNativeQuery("select stuck_reason, count(*) from customer_order "
                        + "where stuck_reason is not null group by stuck_reason", Object[].class).getResultList())
                .invoke(rows -> {
                    for (StuckReason reason : StuckReason.values()) {
                        metrics.stuck(reason, count(rows, reason.name()));
                    }
                })
                .chain(() -> session.createNativeQuery("select count(*), count(*) filter (where stuck_reason = "
                        + "'WAITING_ON_ERP') from customer_order where state = 'DELIVERED'", Object[].class)
                        .getSingleResult())
                .invoke(row -> metrics.invoicesAwaited(((Number) row[0]).longValue(), ((Number) row[1]).longValue()))
                .chain(() -> session.createNativeQuery("select count(*) from dead_letter where replayed_at is null",
                        Long.class).getSingleResult())
                .invoke(metrics::deadLetters)))
                .replaceWithVoid();
    }

    private static long count(java.util.List<Object[]> rows, String key) {
        for (Object[] row : rows) {
            if (key.equals(row[0])) {
                return ((Number) row[1]).longValue();
            }
        }
        return 0;
    }
}
