package io.tradeflow.inventory.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.events.CloudEventTypes;
import io.tradeflow.contracts.events.KafkaCloudEvents;
import io.tradeflow.contracts.inventory.MovementType;

/** What the polling thread makes of each record: a movement to post, or the reason it goes to the DLQ. */
class StockMovementDeserializerTest {
    private static final String PICK = "{\"sku\":\"SKU-1\",\"location\":\"DC-1\",\"type\":\"PICK\",\"quantity\":2,"
            + "\"reason\":\"order 42\",\"occurredAt\":\"2026-12-01T08:15:00+01:00\"}";

    private final StockMovementDeserializer deserializer = new StockMovementDeserializer();

    @Test
    void aScanBecomesAMovementCarryingItsIdCorrelationAndTrace() {
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        ReadMovement read = read(headers(CloudEventTypes.STOCK_MOVEMENT, traceparent), PICK);

        assertThat(read.unreadable()).isNull();
        assertThat(read.entry().id()).isEqualTo("scan-1");
        assertThat(read.entry().correlationId()).isEqualTo("corr-1");
        assertThat(read.entry().traceparent()).isEqualTo(traceparent);
        assertThat(read.entry().movement().type()).isEqualTo(MovementType.PICK);
        assertThat(read.entry().movement().quantity()).isEqualByComparingTo(BigDecimal.valueOf(2));
        // The WMS's offset is part of the fact and is kept.
        assertThat(read.entry().movement().occurredAt()).isEqualTo(OffsetDateTime.parse("2026-12-01T08:15:00+01:00"));
    }

    @Test
    void recordsThatAreNotMovementsSayWhyAndKeepTheirBytes() {
        ReadMovement wrongType = read(headers("tradeflow.wms.shipment.v1", null), PICK);
        assertThat(wrongType.entry()).isNull();
        assertThat(wrongType.unreadable()).hasMessageContaining("ce_type must be " + CloudEventTypes.STOCK_MOVEMENT);

        ReadMovement notJson = read(headers(CloudEventTypes.STOCK_MOVEMENT, null), "{oops");
        assertThat(notJson.unreadable()).hasMessageContaining("not a valid StockMovement");
        assertThat(notJson.rawText()).isEqualTo("{oops");

        ReadMovement noHeaders = read(new RecordHeaders(), "{}");
        assertThat(noHeaders.unreadable()).hasMessageContaining("ce_id is missing");
        assertThat(new ReadMovementSerializer().serialize("wms.stock-movements.dlq", noHeaders))
                .isEqualTo("{}".getBytes(StandardCharsets.UTF_8));

        ReadMovement tombstone = deserializer.deserialize("wms.stock-movements",
                headers(CloudEventTypes.STOCK_MOVEMENT, null), (byte[]) null);
        assertThat(tombstone.unreadable()).hasMessageContaining("data is empty");
        assertThat(tombstone.rawText()).isNull();
    }

    private ReadMovement read(Headers headers, String value) {
        return deserializer.deserialize("wms.stock-movements", headers, value.getBytes(StandardCharsets.UTF_8));
    }

    private static Headers headers(String type, String traceparent) {
        return KafkaCloudEvents.headers(new CloudEvent("scan-1", "/wms/dc-1", type, "SKU-1", OffsetDateTime.now(),
                "corr-1", traceparent, "{}"));
    }
}
