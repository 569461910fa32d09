package io.tradeflow.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import io.tradeflow.contracts.inventory.MovementType;
import io.tradeflow.contracts.inventory.StockMovement;
import io.tradeflow.contracts.json.Json;

class KafkaCloudEventsTest {
    static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    static final StockMovement MOVEMENT = new StockMovement("HX-1001", "DC-EAST", MovementType.RECEIPT,
            new java.math.BigDecimal("120"), null, null, "PO 1", OffsetDateTime.parse("2025-03-01T14:03:27.512Z"));

    @Test
    void writesBinaryModeHeaders() {
        CloudEvent event = new CloudEvent("evt-1", "/wms", CloudEventTypes.STOCK_MOVEMENT, "HX-1001",
                OffsetDateTime.parse("2025-03-01T14:03:27.512Z"), "corr-1", TRACEPARENT, Json.write(MOVEMENT));

        Headers headers = KafkaCloudEvents.headers(event);

        assertThat(header(headers, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(headers, "ce_id")).isEqualTo("evt-1");
        assertThat(header(headers, "ce_source")).isEqualTo("/wms");
        assertThat(header(headers, "ce_type")).isEqualTo("tradeflow.wms.stock-movement.v1");
        assertThat(header(headers, "ce_subject")).isEqualTo("HX-1001");
        assertThat(header(headers, "ce_time")).isEqualTo("2025-03-01T14:03:27.512Z");
        assertThat(header(headers, "ce_correlationid")).isEqualTo("corr-1");
        assertThat(header(headers, "content-type")).isEqualTo("application/json");
        assertThat(header(headers, "traceparent")).isEqualTo(TRACEPARENT);
        assertThat(headers.headers("ce_id")).hasSize(1);
    }

    @Test
    void readsBackWhatItWrote() {
        CloudEvent sent = CloudEvent.of("/wms", CloudEventTypes.STOCK_MOVEMENT, "HX-1001", "corr-1",
                Json.write(MOVEMENT)).withTraceparent(TRACEPARENT);

        CloudEvent received = KafkaCloudEvents.read(KafkaCloudEvents.headers(sent), sent.data());

        assertThat(received).isEqualTo(sent);
        assertThat(Json.read(received.data(), StockMovement.class)).isEqualTo(MOVEMENT);
    }

    @Test
    void carriesTraceparentAndCorrelationIdToTheNextHop() {
        CloudEvent first = CloudEvent.of("/wms", CloudEventTypes.STOCK_MOVEMENT, "HX-1001", "corr-42", "{}")
                .withTraceparent(TRACEPARENT);
        CloudEvent received = KafkaCloudEvents.read(KafkaCloudEvents.headers(first), first.data());

        CloudEvent next = CloudEvent.of("/tradeflow/inventory-service", CloudEventTypes.AVAILABILITY_CHANGED,
                "HX-1001", received.correlationId(), "{}").withTraceparent(received.traceparent());
        CloudEvent nextReceived = KafkaCloudEvents.read(KafkaCloudEvents.headers(next), next.data());

        assertThat(nextReceived.correlationId()).isEqualTo("corr-42");
        assertThat(nextReceived.traceparent()).isEqualTo(TRACEPARENT);
        assertThat(nextReceived.id()).isNotEqualTo(first.id());
    }

    @Test
    void optionalAttributesMayBeAbsent() {
        CloudEvent bare = new CloudEvent("evt-2", "/erp", CloudEventTypes.ERP_CUSTOMER, null, null, null, null, "{}");

        Headers headers = KafkaCloudEvents.headers(bare);

        assertThat(headers.lastHeader("traceparent")).isNull();
        assertThat(headers.lastHeader("ce_correlationid")).isNull();
        assertThat(headers.lastHeader("ce_time")).isNull();
        assertThat(KafkaCloudEvents.read(headers, "{}")).isEqualTo(bare);
    }

    @Test
    void rewritingHeadersReplacesRatherThanDuplicates() {
        Headers headers = new RecordHeaders();
        headers.add("traceparent", "00-old".getBytes(StandardCharsets.UTF_8));
        CloudEvent event = CloudEvent.of("/wms", CloudEventTypes.STOCK_MOVEMENT, "HX-1001", "c", "{}")
                .withTraceparent(TRACEPARENT);
        for (var h : KafkaCloudEvents.headers(event)) {
            headers.remove(h.key());
            headers.add(h);
        }
        assertThat(headers.headers("traceparent")).hasSize(1);
        assertThat(KafkaCloudEvents.get(headers, "traceparent")).isEqualTo(TRACEPARENT);
    }

    @Test
    void reportsEveryMissingRequiredAttribute() {
        assertThatThrownBy(() -> KafkaCloudEvents.read(new RecordHeaders(), "{}"))
                .isInstanceOf(InvalidCloudEventException.class)
                .hasMessageContaining("ce_specversion must be 1.0 but was null")
                .hasMessageContaining("ce_id is missing")
                .hasMessageContaining("ce_source is missing")
                .hasMessageContaining("ce_type is missing");
        assertThatThrownBy(() -> KafkaCloudEvents.read(null, "{}"))
                .isInstanceOf(InvalidCloudEventException.class)
                .hasMessageContaining("ce_id is missing");
    }

    @Test
    void reportsMalformedAttributes() {
        Headers headers = valid();
        headers.remove("ce_time");
        headers.add("ce_time", "yesterday".getBytes(StandardCharsets.UTF_8));
        headers.remove("ce_specversion");
        headers.add("ce_specversion", "0.3".getBytes(StandardCharsets.UTF_8));
        headers.remove("content-type");
        headers.add("content-type", "application/xml".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> KafkaCloudEvents.read(headers, "{}"))
                .isInstanceOf(InvalidCloudEventException.class)
                .hasMessageContaining("ce_time is not an RFC 3339 timestamp: yesterday")
                .hasMessageContaining("ce_specversion must be 1.0 but was 0.3")
                .hasMessageContaining("content-type must be application/json but was application/xml");
    }

    @Test
    void reportsBlankAttributesAndEmptyData() {
        Headers headers = valid();
        headers.remove("ce_id");
        headers.add("ce_id", " ".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> KafkaCloudEvents.read(headers, ""))
                .isInstanceOf(InvalidCloudEventException.class)
                .hasMessageContaining("ce_id is missing")
                .hasMessageContaining("data is empty");
    }

    @Test
    void acceptsJsonContentTypeWithParameters() {
        Headers headers = valid();
        headers.remove("content-type");
        headers.add("content-type", "application/json; charset=utf-8".getBytes(StandardCharsets.UTF_8));

        assertThat(KafkaCloudEvents.read(headers, "{}").type()).isEqualTo(CloudEventTypes.STOCK_MOVEMENT);
    }

    @Test
    void topicsHaveDeadLetterCounterparts() {
        assertThat(Topics.dlq(Topics.WMS_STOCK_MOVEMENTS)).isEqualTo("wms.stock-movements.dlq");
        assertThat(Topics.ALL).doesNotHaveDuplicates().hasSize(14);
    }

    private static Headers valid() {
        return KafkaCloudEvents.headers(CloudEvent.of("/wms", CloudEventTypes.STOCK_MOVEMENT, "HX-1001", "c", "{}"));
    }

    private static String header(Headers headers, String name) {
        return KafkaCloudEvents.get(headers, name);
    }
}
