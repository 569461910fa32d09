package io.tradeflow.inventory.bench;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import org.apache.kafka.clients.producer.ProducerRecord;

import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.events.CloudEventTypes;
import io.tradeflow.contracts.events.KafkaCloudEvents;
import io.tradeflow.contracts.inventory.MovementType;
import io.tradeflow.contracts.inventory.StockMovement;
import io.tradeflow.contracts.json.Json;

/**
 * WMS receipts of one unit, as the WMS connector would publish them (CloudEvents binary mode, key = SKU).
 * The raw baseline sends byte-for-byte the same kind of record, only to another topic.
 */
final class MovementRecords {
    static final String SOURCE = "/bench/wms";

    private MovementRecords() {
    }

    static ProducerRecord<String, String> receipt(String topic, Phase phase, int seq, String location) {
        String sku = phase.sku(seq);
        StockMovement movement = new StockMovement(sku, location, MovementType.RECEIPT, BigDecimal.ONE, null, null,
                "bench receipt", OffsetDateTime.now());
        CloudEvent event = new CloudEvent(phase.movementId(seq), SOURCE, CloudEventTypes.STOCK_MOVEMENT, sku,
                OffsetDateTime.now(), phase.movementId(seq), null, Json.write(movement));
        return new ProducerRecord<>(topic, null, sku, event.data(), KafkaCloudEvents.headers(event));
    }

    /** Bytes of key, value and headers: the record size both sides of the comparison share. */
    static int size(ProducerRecord<String, String> record) {
        int headers = 0;
        for (var h : record.headers()) {
            headers += h.key().length() + h.value().length;
        }
        return record.key().length() + record.value().length() + headers;
    }
}
