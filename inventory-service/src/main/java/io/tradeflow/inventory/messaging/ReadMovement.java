package io.tradeflow.inventory.messaging;

import java.nio.charset.StandardCharsets;

import io.tradeflow.inventory.service.MovementEntry;

/**
 * A {@code wms.stock-movements} record as StockMovementDeserializer read it on the Kafka polling thread: the
 * movement to post, or why the record is not one. The bytes are kept so a dead letter carries the value exactly
 * as it arrived.
 *
 * @param unreadable null when {@code entry} is set
 */
public record ReadMovement(MovementEntry entry, RuntimeException unreadable, byte[] raw) {
    /** The value as it arrived, for the dead-letter topic. */
    public String rawText() {
        return raw == null ? null : new String(raw, StandardCharsets.UTF_8);
    }
}
