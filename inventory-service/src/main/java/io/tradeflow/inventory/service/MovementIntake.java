package io.tradeflow.inventory.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.inventory.StockMovement;
import io.tradeflow.platform.inbox.Inbox;
import io.tradeflow.platform.outbox.OutboxRelay;

/**
 * One entry for movements from Kafka and REST: the dedup mark and the effect commit together, so a
 * redelivered movement has no second effect; the relay is woken once the transaction committed.
 */
@ApplicationScoped
public class MovementIntake {
    static final String CONSUMER = "stock-movements";

    @Inject
    Inbox inbox;
    @Inject
    StockLedger ledger;
    @Inject
    OutboxRelay relay;

    /** @return true if applied, false if this movement id was seen before */
    public Uni<Boolean> apply(String movementId, StockMovement movement) {
        return Panache.withTransaction(() -> applyInTransaction(movementId, movement))
                .invoke(applied -> {
                    if (applied) {
                        relay.wakeUp();
                    }
                });
    }

    /** A batch is all or nothing: one invalid movement refuses the whole batch. */
    public Uni<List<Boolean>> applyAll(List<String> movementIds, List<StockMovement> movements) {
        return Panache.withTransaction(() -> {
            Uni<List<Boolean>> chain = Uni.createFrom().item(java.util.ArrayList::new);
            for (int i = 0; i < movements.size(); i++) {
                String id = movementIds.get(i);
                StockMovement movement = movements.get(i);
                chain = chain.chain(results -> applyInTransaction(id, movement).map(applied -> {
                    results.add(applied);
                    return results;
                }));
            }
            return chain;
        }).invoke(() -> relay.wakeUp());
    }

    private Uni<Boolean> applyInTransaction(String movementId, StockMovement movement) {
        return inbox.firstDelivery(CONSUMER, movementId).chain(first -> first
                ? ledger.apply(movementId, movement).replaceWith(true)
                : Uni.createFrom().item(false));
    }
}
