package io.tradeflow.inventory.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.inventory.MovementType;
import io.tradeflow.contracts.inventory.StockMovement;
import io.tradeflow.platform.correlation.CorrelationIds;
import io.tradeflow.platform.outbox.OutboxRelay;
import io.tradeflow.platform.outbox.OutboxWriter;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * One entry for movements from Kafka and REST: each call is one transaction in which StockLedger marks the
 * ids processed and applies their effect, so a redelivered movement has no second effect; the relay is
 * woken once per committed transaction that wrote events.
 */
@ApplicationScoped
public class MovementIntake {
    @Inject
    Pool pool;
    @Inject
    StockLedger ledger;
    @Inject
    OutboxRelay relay;
    @Inject
    MeterRegistry registry;

    /** REST, one movement. @return true if applied, false if this movement id was seen before */
    public Uni<Boolean> apply(String movementId, StockMovement movement) {
        return applyAll(List.of(movementId), List.of(movement)).map(applied -> applied.get(0));
    }

    /** REST batch: all or nothing, one invalid movement refuses the whole batch (InvalidMovementException). */
    public Uni<List<Boolean>> applyAll(List<String> movementIds, List<StockMovement> movements) {
        // Taken now, on the request's context: the events continue the request's flow and trace.
        String correlationId = CorrelationIds.current();
        String traceparent = OutboxWriter.traceparent();
        if (movements.size() == 1 && movements.get(0).sku() != null) {
            Span.current().setAttribute("sku", movements.get(0).sku())
                    .setAttribute("location", String.valueOf(movements.get(0).location()));
        }
        List<MovementEntry> entries = new ArrayList<>();
        for (int i = 0; i < movements.size(); i++) {
            entries.add(new MovementEntry(movementIds.get(i), movements.get(i), correlationId, traceparent));
        }
        return post(entries, true).map(outcome -> {
            List<Boolean> applied = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                applied.add(outcome.applied(i));
            }
            return applied;
        });
    }

    /** Kafka poll: refused movements are reported in the outcome; the others are applied in the same transaction. */
    public Uni<PostingOutcome> post(List<MovementEntry> entries) {
        return post(entries, false);
    }

    private Uni<PostingOutcome> post(List<MovementEntry> entries, boolean allOrNothing) {
        return pool.withTransaction(conn -> ledger.post(conn, entries, allOrNothing))
                .invoke(outcome -> {
                    if (outcome.published() > 0) {
                        relay.wakeUp();
                    }
                    // Counted per type first: one meter look-up per type and poll, not per movement.
                    int[] appliedByType = new int[MovementType.values().length];
                    for (int i = 0; i < entries.size(); i++) {
                        if (outcome.applied(i)) {
                            appliedByType[entries.get(i).movement().type().ordinal()]++;
                        }
                    }
                    for (MovementType type : MovementType.values()) {
                        if (appliedByType[type.ordinal()] > 0) {
                            registry.counter("tradeflow.inventory.movements.applied", "type", type.name())
                                    .increment(appliedByType[type.ordinal()]);
                        }
                    }
                    if (outcome.published() > 0) {
                        registry.counter("tradeflow.inventory.availability.changes").increment(outcome.published());
                    }
                });
    }
}
