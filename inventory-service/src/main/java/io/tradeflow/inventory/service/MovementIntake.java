package io.tradeflow.inventory.service;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.inventory.MovementType;
import io.tradeflow.contracts.inventory.StockMovement;
import io.tradeflow.inventory.repository.MovementRecord;
import io.tradeflow.platform.correlation.CorrelationIds;
import io.tradeflow.platform.outbox.OutboxRelay;
import io.tradeflow.platform.outbox.OutboxWriter;
import io.tradeflow.platform.problem.ProblemException;
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
        return post(entries, true).chain(outcome -> {
            List<Boolean> applied = new ArrayList<>();
            List<MovementEntry> repeats = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                applied.add(outcome.applied(i));
                if (!outcome.applied(i)) {
                    repeats.add(entries.get(i));
                }
            }
            return repeats.isEmpty() ? Uni.createFrom().item(applied)
                    : refuseReusedKeys(repeats).replaceWith(applied);
        });
    }

    /**
     * A repeat is only a repeat if it is the same movement: an Idempotency-Key reused for another SKU, location, type
     * or quantity is a client bug that would otherwise lose that movement silently behind {@code applied:false}.
     * Checked after the posting, on repeats only (they changed nothing), so first deliveries pay nothing for it.
     */
    private Uni<Void> refuseReusedKeys(List<MovementEntry> repeats) {
        List<String> ids = repeats.stream().map(MovementEntry::id).toList();
        return Panache.withSession(() -> MovementRecord.<MovementRecord>list("id in ?1", ids)).invoke(records -> {
            java.util.Map<String, MovementRecord> stored = new java.util.HashMap<>();
            records.forEach(r -> stored.put(r.id, r));
            for (MovementEntry e : repeats) {
                MovementRecord r = stored.get(e.id());
                if (r != null && !sameMovement(r, e.movement())) {
                    throw ProblemException.conflict("idempotency-key-reused", "Idempotency-Key of " + e.id()
                            + " was used for a different movement (" + r.type + " of " + r.quantity.toPlainString()
                            + " x " + r.sku + " at " + r.locationId + "); nothing was applied for this one");
                }
            }
        }).replaceWithVoid();
    }

    private static boolean sameMovement(MovementRecord stored, StockMovement m) {
        return java.util.Objects.equals(stored.sku, m.sku())
                && java.util.Objects.equals(stored.locationId, m.location())
                && m.type() != null && stored.type.equals(m.type().name())
                // numeric(18,3) rounds as HALF_UP does; the stored figure is what the client sent, rounded
                && m.quantity() != null
                && stored.quantity.compareTo(m.quantity().setScale(3, java.math.RoundingMode.HALF_UP)) == 0
                && java.util.Objects.equals(stored.toLocationId, m.toLocation());
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
