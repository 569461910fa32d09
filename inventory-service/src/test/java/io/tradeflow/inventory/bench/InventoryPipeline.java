package io.tradeflow.inventory.bench;

import java.math.BigDecimal;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.tradeflow.contracts.events.Topics;
import io.tradeflow.contracts.inventory.AvailabilityChanged;
import io.tradeflow.contracts.json.Json;

/**
 * The subject: movements on {@code wms.stock-movements}, through inventory-service (consumer, PostgreSQL
 * transaction, outbox, relay), out as {@code inventory.availability}. Every movement is a one-unit receipt,
 * so an event's on-hand says how many of that SKU's movements are applied.
 */
final class InventoryPipeline implements Pipeline {
    @Override
    public String name() {
        return "inventory-service movement->availability";
    }

    @Override
    public String inputTopic() {
        return Topics.WMS_STOCK_MOVEMENTS;
    }

    @Override
    public String outputTopic() {
        return Topics.INVENTORY_AVAILABILITY;
    }

    @Override
    public void onOutput(ConsumerRecord<String, String> record, Phase phase, long now) {
        if (phase.catalogue.index(record.key()) < 0) {
            return;
        }
        AvailabilityChanged changed = Json.read(record.value(), AvailabilityChanged.class);
        if (changed.locations() == null) {
            throw new IllegalStateException("availability event without per-location figures: " + record.value());
        }
        BigDecimal onHand = changed.locations().stream().map(AvailabilityChanged.LocationAvailability::onHand)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        phase.completeThrough(changed.sku(), onHand.intValue(), now);
    }
}
