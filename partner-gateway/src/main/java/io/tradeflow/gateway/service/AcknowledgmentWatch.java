package io.tradeflow.gateway.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tradeflow.gateway.repository.GatewayStore;

/**
 * Watches the answers owed in both directions, and counts each one past due as an SLA breach:
 * <ul>
 * <li>the partner's acknowledgment of our documents (its 997 or 999, or a JSON partner's JSON acknowledgment): the
 * document is flagged OVERDUE, visible in the pull queue and the audit;</li>
 * <li>our 855 for the partner's PO, owed within the partner's hours even while the ERP has not answered: the inbound
 * message the PO came in is flagged, so the partner's trail shows which POs wait past their SLA.</li>
 * </ul>
 * Safe on every replica: each update flags a row once, so a breach is counted once.
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
                .invoke(late -> late.forEach(row -> metrics.slaBreach((String) row[0], (String) row[1])))
                .chain(() -> Panache.withTransaction(() -> store.flagPoAcknowledgmentsOverdue()))
                .invoke(partners -> partners.forEach(p -> metrics.slaBreach(p, "855")))
                .replaceWithVoid();
    }
}
