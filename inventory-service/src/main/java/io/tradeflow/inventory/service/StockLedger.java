package io.tradeflow.inventory.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.events.CloudEventTypes;
import io.tradeflow.contracts.events.Topics;
import io.tradeflow.inventory.repository.Location;
import io.tradeflow.inventory.repository.StockLevel;
import io.tradeflow.platform.outbox.OutboxWriter;
import io.tradeflow.platform.problem.ProblemException;

/**
 * Applies warehouse movements to stock. Seed of the inventory domain: a RECEIPT raises on-hand and the
 * new availability is written to the outbox in the same transaction.
 */
@ApplicationScoped
public class StockLedger {
    @Inject
    OutboxWriter outbox;

    /** Must run inside a transaction. */
    public Uni<StockLevel> receive(String sku, String locationId, BigDecimal quantity, OffsetDateTime occurredAt) {
        return Location.<Location>findById(locationId)
                .onItem().ifNull().failWith(() -> ProblemException.invalidField("location", "unknown location " + locationId))
                .chain(location -> StockLevel.<StockLevel>findById(new StockLevel.Key(sku, locationId)))
                .chain(found -> {
                    StockLevel level = found != null ? found : newLevel(sku, locationId);
                    level.onHand = level.onHand.add(quantity);
                    level.version++;
                    level.updatedAt = OffsetDateTime.now();
                    return level.<StockLevel>persist();
                })
                .call(level -> outbox.append(Topics.INVENTORY_AVAILABILITY, sku, CloudEventTypes.AVAILABILITY_CHANGED,
                        Map.of("sku", sku, "version", level.version, "onHand", level.onHand,
                                "causeOccurredAt", occurredAt.toString()), occurredAt));
    }

    private static StockLevel newLevel(String sku, String locationId) {
        StockLevel level = new StockLevel();
        level.sku = sku;
        level.locationId = locationId;
        return level;
    }
}
