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
import io.tradeflow.platform.problem.ProblemException;
import io.tradeflow.platform.outbox.OutboxRelay;
import io.tradeflow.platform.outbox.OutboxWriter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

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
        String[] ids = repeats.stream().map(MovementEntry::id).toArray(String[]::new);
        return pool.preparedQuery("select id, sku, location_id, type, quantity, to_location_id from movement "
                + "where id = any($1)").execute(Tuple.of(ids)).invoke(rows -> {
                    java.util.Map<String, Row> stored = new java.util.HashMap<>();
                    rows.forEach(r -> stored.put(r.getString("id"), r));
                    for (MovementEntry e : repeats) {
                        Row r = stored.get(e.id());
                        if (r != null && !sameMovement(r, e.movement())) {
                            throw ProblemException.conflict("idempotency-key-reused", "Idempotency-Key of "
                                    + e.id() + " was used for a different movement (" + r.getString("type")
                                    + " of " + r.getBigDecimal("quantity").toPlainString() + " x " + r.getString("sku")
                                    + " at " + r.getString("location_id") + "); nothing was applied for this one");
                        }
                    }
                }).replaceWithVoid();
    }

    private static boolean sameMovement(Row stored, StockMovement m) {
        return java.util.Objects.equals(stored.getString("sku"), m.sku())
                && java.util.Objects.equals(stored.getString("location_id"), m.location())
                && m.type() != null && stored.getString("type").equals(m.type().name())
                // numeric(18,3) rounds as HALF_UP does; the stored figure is what the client sent, rounded
                && m.quantity() != null && stored.getBigDecimal("quantity")
                        .compareTo(m.quantity().setScale(3, java.math.RoundingMode.HALF_UP)) == 0
                && java.util.Objects.equals(stored.getString("to_location_id"), m.toLocation());
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
