package io.tradeflow.inventory.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tradeflow.platform.inbox.Inbox;
import io.tradeflow.platform.outbox.OutboxRelay;

/** One entry for movements from Kafka and REST: dedup and effect in one transaction, then relay. */
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
    public Uni<Boolean> receipt(String movementId, String sku, String location, BigDecimal quantity,
                                OffsetDateTime occurredAt) {
        return Panache.withTransaction(() -> inbox.firstDelivery(CONSUMER, movementId)
                        .chain(first -> first
                                ? ledger.receive(sku, location, quantity, occurredAt).replaceWith(true)
                                : Uni.createFrom().item(false)))
                .invoke(applied -> {
                    if (applied) {
                        relay.wakeUp();
                    }
                });
    }
}
