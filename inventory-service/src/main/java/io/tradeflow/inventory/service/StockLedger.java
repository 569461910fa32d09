package io.tradeflow.inventory.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.inventory.MovementType;
import io.tradeflow.contracts.inventory.StockMovement;
import io.tradeflow.inventory.repository.CountVariance;
import io.tradeflow.inventory.repository.Location;
import io.tradeflow.inventory.repository.MovementRecord;
import io.tradeflow.inventory.repository.StockLevel;
import io.tradeflow.inventory.repository.StockRepository;

/**
 * Applies a warehouse movement: lock the SKU, check the locations, change the levels (MovementRules),
 * log the movement, record a count variance, publish the new availability. Runs in the caller's transaction.
 */
@ApplicationScoped
public class StockLedger {
    @Inject
    StockRepository stock;
    @Inject
    AvailabilityPublisher availability;
    @Inject
    MeterRegistry registry;

    public Uni<Void> apply(String movementId, StockMovement m) {
        String invalid = MovementRules.invalidReason(m);
        if (invalid != null) {
            return Uni.createFrom().failure(new InvalidMovementException(invalid.split(" ")[0], invalid));
        }
        Span.current().setAttribute("sku", m.sku()).setAttribute("location", m.location());
        OffsetDateTime occurredAt = m.occurredAt() == null ? OffsetDateTime.now() : m.occurredAt();
        return stock.lockSkus(List.of(m.sku())).chain(states -> availability.locations().chain(locations -> {
            requireLocation(locations, m.location(), "location");
            if (m.type() == MovementType.TRANSFER) {
                requireLocation(locations, m.toLocation(), "toLocation");
            }
            return stock.levels(List.of(m.sku())).chain(levels -> {
                Map<String, StockPicture> before = availability.pictures(List.of(m.sku()), levels, locations);
                List<StockLevel> all = new ArrayList<>(levels);
                StockLevel from = levelAt(all, m.sku(), m.location());
                StockLevel to = m.type() == MovementType.TRANSFER ? levelAt(all, m.sku(), m.toLocation()) : null;
                BigDecimal recorded = MovementRules.apply(m, from, to);
                Map<String, StockPicture> after = availability.pictures(List.of(m.sku()), all, locations);
                registry.counter("tradeflow.inventory.movements.applied", "type", m.type().name()).increment();
                return from.persist()
                        .chain(() -> to == null ? Uni.createFrom().nullItem() : to.persist())
                        .chain(() -> log(movementId, m, occurredAt).persist())
                        .chain(() -> MovementRules.isVariance(m, recorded)
                                ? variance(movementId, m, recorded).persist() : Uni.createFrom().nullItem())
                        .chain(() -> availability.publishChanges(states, before, after, movementId, occurredAt));
            });
        }));
    }

    private static void requireLocation(Map<String, Location> locations, String id, String field) {
        if (!locations.containsKey(id)) {
            throw new InvalidMovementException(field, field + " " + id + " is not a known location");
        }
    }

    private static StockLevel levelAt(List<StockLevel> levels, String sku, String locationId) {
        for (StockLevel level : levels) {
            if (level.locationId.equals(locationId)) {
                level.updatedAt = OffsetDateTime.now();
                level.version++;
                return level;
            }
        }
        StockLevel level = new StockLevel();
        level.sku = sku;
        level.locationId = locationId;
        levels.add(level);
        return level;
    }

    private static MovementRecord log(String id, StockMovement m, OffsetDateTime occurredAt) {
        MovementRecord record = new MovementRecord();
        record.id = id;
        record.sku = m.sku();
        record.locationId = m.location();
        record.type = m.type().name();
        record.quantity = m.quantity();
        record.toLocationId = m.toLocation();
        record.expectedQuantity = m.expectedQuantity();
        record.reason = m.reason();
        record.occurredAt = occurredAt;
        return record;
    }

    private static CountVariance variance(String movementId, StockMovement m, BigDecimal recorded) {
        CountVariance variance = new CountVariance();
        variance.movementId = movementId;
        variance.sku = m.sku();
        variance.locationId = m.location();
        variance.expected = m.expectedQuantity();
        variance.recorded = recorded;
        variance.counted = m.quantity();
        return variance;
    }
}
