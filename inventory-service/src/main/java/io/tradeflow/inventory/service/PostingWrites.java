package io.tradeflow.inventory.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tradeflow.contracts.inventory.AvailabilityChanged;
import io.tradeflow.contracts.inventory.StockMovement;
import io.tradeflow.inventory.repository.StockLevel;
import io.tradeflow.platform.outbox.OutboxWriter;

/** Everything one posting of movements writes, gathered as the column arrays of StockLedger's set-based statements. */
final class PostingWrites {
    final Map<String, StockLevel> touched = new LinkedHashMap<>();
    final List<String> levelSku = new ArrayList<>();
    final List<String> levelLocation = new ArrayList<>();
    final List<String> levelOnHand = new ArrayList<>();
    final List<String> levelUnavailable = new ArrayList<>();
    final List<Long> levelVersion = new ArrayList<>();
    final List<List<String>> log = columns(9);
    final List<List<String>> variances = columns(6);
    final List<String> eventSkus = new ArrayList<>();
    final List<Long> eventVersions = new ArrayList<>();
    final List<OutboxWriter.Pending> events = new ArrayList<>();

    void log(MovementEntry entry, OffsetDateTime occurredAt) {
        StockMovement m = entry.movement();
        add(log, entry.id(), m.sku(), m.location(), m.type().name(), text(m.quantity()), m.toLocation(),
                text(m.expectedQuantity()), m.reason(), occurredAt.toString());
    }

    void variance(String movementId, StockMovement m, BigDecimal recorded) {
        add(variances, movementId, m.sku(), m.location(), text(m.expectedQuantity()), text(recorded),
                text(m.quantity()));
    }

    void event(String sku, long version, AvailabilityChanged payload, MovementEntry cause, OffsetDateTime occurredAt) {
        eventSkus.add(sku);
        eventVersions.add(version);
        // The event continues the correlation and trace of the movement that caused it, not those of the poll.
        events.add(new OutboxWriter.Pending(sku, payload, occurredAt, cause.correlationId(), cause.traceparent()));
    }

    PostingWrites finish() {
        for (StockLevel level : touched.values()) {
            levelSku.add(level.sku);
            levelLocation.add(level.locationId);
            levelOnHand.add(text(level.onHand));
            levelUnavailable.add(text(level.unavailable));
            levelVersion.add(level.version);
        }
        return this;
    }

    private static List<List<String>> columns(int count) {
        List<List<String>> columns = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            columns.add(new ArrayList<>());
        }
        return columns;
    }

    private static void add(List<List<String>> columns, String... values) {
        for (int i = 0; i < values.length; i++) {
            columns.get(i).add(values[i]);
        }
    }

    private static String text(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
