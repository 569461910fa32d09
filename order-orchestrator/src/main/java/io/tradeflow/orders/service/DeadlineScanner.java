package io.tradeflow.orders.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.tradeflow.orders.config.SagaConfig;
import io.tradeflow.orders.repository.CustomerOrder;
import io.tradeflow.orders.service.saga.DeadlineKind;
import io.tradeflow.orders.service.saga.Decision;
import io.tradeflow.orders.service.saga.SagaEvent;

/**
 * Durable deadlines: every order's next deadline is a column, so they survive restarts. Due orders are
 * taken with FOR UPDATE SKIP LOCKED (replicas share the work without waiting on each other) and handed
 * to the saga in the same transaction; re-driven steps run after commit.
 */
@ApplicationScoped
public class DeadlineScanner {
    @Inject
    SagaRunner runner;
    @Inject
    OrderJournal journal;
    @Inject
    SagaConfig config;

    private record Due(String orderId, Decision decision) {
    }

    @Scheduled(every = "${tradeflow.orders.deadline-scan-interval}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scan() {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                                "select id from customer_order where deadline_at <= now() order by deadline_at "
                                        + "limit ?1 for update skip locked", String.class)
                        .setParameter(1, config.deadlineBatch()).getResultList())
                .chain(ids -> Multi.createFrom().iterable(ids)
                        .onItem().transformToUniAndConcatenate(this::passed)
                        .collect().asList()))
                .invoke(this::afterCommit)
                .replaceWithVoid();
    }

    private Uni<Due> passed(String orderId) {
        return CustomerOrder.<CustomerOrder>findById(orderId).chain(order -> {
            Instant now = Instant.now();
            var snapshot = OrderJournal.snapshotOf(order);
            DeadlineKind kind = snapshot.deadlineKind();
            Decision decision = runner.saga().apply(snapshot, new SagaEvent.DeadlinePassed(kind), now);
            return journal.record(order, decision, now).map(d -> new Due(orderId, d));
        });
    }

    private void afterCommit(List<Due> due) {
        List<String> redrive = new ArrayList<>();
        for (Due d : due) {
            runner.afterCommit(d.orderId(), d.decision());
            if (!d.decision().changed() && d.decision().next().deadlineKind() == DeadlineKind.STEP_RETRY) {
                redrive.add(d.orderId());
            }
        }
        redrive.forEach(runner::kick);
    }
}
