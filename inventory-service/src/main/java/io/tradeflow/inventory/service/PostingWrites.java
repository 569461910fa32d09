package io.tradeflow.inventory.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tradeflow.contracts.inventory.AvailabilityChanged;
import io.tradeflow.contracts.inventory.StockMovement;
import io.tradeflow.inventory.repository.StockLevel;
import io.tradeflow.platform.outbox.OutboxWriter;

/** Everything one posting of movements writes, gathered as the column arrays of StockLedger's set-based statements. */
final class PostingWrites {
    final Map<String, StockLevel> touched = new LinkedHashMap<>();
    /** Keys of the touched levels that had no row yet. */
    final Set<String> created = new HashSet<>();
    /** Touched levels that exist, updated in place (a plain UPDATE, not an upsert that locks each row first). */
    final LevelColumns existing = new LevelColumns();
    final LevelColumns fresh = new LevelColumns();
    final MovementLog log = new MovementLog();
    final List<List<String>> variances = columns(6);
    final List<String> eventSkus = new ArrayList<>();
    final List<Long> eventVersions = new ArrayList<>();
    final List<OutboxWriter.Pending> events = new ArrayList<>();

    void log(MovementEntry entry, OffsetDateTime occurredAt) {
        StockMovement m = entry.movement();
        add(log.text, entry.id(), m.sku(), m.location(), m.type().name(), text(m.quantity()), m.toLocation(),
                text(m.expectedQuantity()), m.reason());
        log.occurredAt.add(occurredAt);
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
        touched.forEach((key, level) -> (created.contains(key) ? fresh : existing).add(level));
        return this;
    }

    /** Levels as the column arrays of one set-based statement: sku, location, on hand, unavailable, version. */
    static final class LevelColumns {
        private final List<String> sku = new ArrayList<>();
        private final List<String> location = new ArrayList<>();
        private final List<String> onHand = new ArrayList<>();
        private final List<String> unavailable = new ArrayList<>();
        private final List<Long> version = new ArrayList<>();

        void add(StockLevel level) {
            sku.add(level.sku);
            location.add(level.locationId);
            onHand.add(text(level.onHand));
            unavailable.add(text(level.unavailable));
            version.add(level.version);
        }

        boolean isEmpty() {
            return sku.isEmpty();
        }

        List<Object> arrays() {
            return List.of(sku.toArray(new String[0]), location.toArray(new String[0]), onHand.toArray(new String[0]),
                    unavailable.toArray(new String[0]), version.toArray(new Long[0]));
        }
    }

    /**
     * The movement log's column arrays: id, sku, location, type, quantity, to location, expected quantity, reason,
     * then occurred at. The time goes as a timestamptz array (binary), not as text: formatting one per movement was
     * a visible share of the poll's time on the event loop, which every poll of movements queues behind.
     */
    static final class MovementLog {
        private final List<List<String>> text = columns(8);
        private final List<OffsetDateTime> occurredAt = new ArrayList<>();

        Object[] arrays() {
            Object[] arrays = new Object[text.size() + 1];
            for (int i = 0; i < text.size(); i++) {
                arrays[i] = text.get(i).toArray(new String[0]);
            }
            arrays[text.size()] = occurredAt.toArray(new OffsetDateTime[0]);
            return arrays;
        }
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
