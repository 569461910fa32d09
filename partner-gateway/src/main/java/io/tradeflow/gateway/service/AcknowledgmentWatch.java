package io.tradeflow.gateway.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tradeflow.gateway.repository.GatewayStore;

/**
 * Flags outbound documents whose 997 (or, from a JSON partner that agreed to answer, its JSON acknowledgment) did
 * not arrive within the partner's SLA as OVERDUE (visible in the message audit) and counts each as an SLA breach. Safe on every replica: the update flags a row once.
 */
@ApplicationScoped
public class AcknowledgmentWatch {
    @Inject
    GatewayStore store;
    @Inject
    GatewayMetrics metrics;

    @Scheduled(every = "${tradeflow.gateway.overdue-scan}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> flagOverdue() {
        return Panache.withTransaction(() -> store.flagOverdue())
                .invoke(partners -> partners.forEach(p -> metrics.slaBreach(p, "997")))
                .replaceWithVoid();
    }
}
