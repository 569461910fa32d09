package io.tradeflow.inventory;

import static io.tradeflow.inventory.InventoryApi.location;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.events.KafkaCloudEvents;
import io.tradeflow.contracts.events.Topics;
import io.tradeflow.testinfra.EmbeddedServers;
import io.tradeflow.testinfra.TradeflowTestResource;

/**
 * Movements consumed a poll at a time still trace one by one, as a Jaeger user following a warehouse scan expects:
 * each movement has its own span in the trace the WMS started, with sku and location, and the availability event
 * continues that trace; the poll is a span of its own linked to every movement it applied.
 */
@QuarkusTest
@QuarkusTestResource(value = TradeflowTestResource.class, initArgs = @ResourceArg(name = "db", value = "inventory"))
class MovementTracesTest {
    static final AttributeKey<String> SKU = AttributeKey.stringKey("sku");
    static final AttributeKey<String> LOCATION = AttributeKey.stringKey("location");

    final KafkaCompanion kafka = EmbeddedServers.kafkaCompanion();

    @Inject
    InMemorySpanExporter spans;

    @Test
    void eachMovementOfABatchedPollHasItsOwnSpanInItsProducersTraceWithSkuAndLocationLinkedToThePollSpan() {
        String skuA = "TRC-" + UUID.randomUUID();
        String skuB = "TRC-" + UUID.randomUUID();
        String skuC = "TRC-" + UUID.randomUUID();
        location("DC-TR1", "\"storefront\"", 0);
        location("DC-TR2", "\"storefront\"", 0);
        var events = kafka.consumeStrings().fromTopics(Topics.INVENTORY_AVAILABILITY);
        String traceA = newTraceId();
        String traceB = newTraceId();
        String parentA = "00f067aa0ba902b7";
        String parentB = "00f067aa0ba902b8";

        // Produced together so the consumer gets them in one poll (or a few): the batched path under test.
        kafka.produceStrings().fromRecords(
                record(skuA, "DC-TR1", 4, "00-" + traceA + "-" + parentA + "-01"),
                record(skuB, "DC-TR2", 6, "00-" + traceB + "-" + parentB + "-01"),
                record(skuC, "DC-TR1", 2, null)).awaitCompletion(Duration.ofSeconds(10));

        ConsumerRecord<String, String> eventA = await().atMost(Duration.ofSeconds(20))
                .until(() -> lastFor(events.getRecords(), skuA), r -> r != null);
        ConsumerRecord<String, String> eventB = await().atMost(Duration.ofSeconds(20))
                .until(() -> lastFor(events.getRecords(), skuB), r -> r != null);
        events.stop();

        SpanData movementA = awaitMovementSpan(skuA);
        SpanData movementB = awaitMovementSpan(skuB);
        SpanData movementC = awaitMovementSpan(skuC);

        // Each movement's span is a child of the WMS span that produced it, and says which SKU and location.
        assertThat(movementA.getTraceId()).isEqualTo(traceA);
        assertThat(movementA.getParentSpanId()).isEqualTo(parentA);
        assertThat(movementA.getAttributes().get(LOCATION)).isEqualTo("DC-TR1");
        assertThat(movementB.getTraceId()).isEqualTo(traceB);
        assertThat(movementB.getParentSpanId()).isEqualTo(parentB);
        assertThat(movementB.getAttributes().get(LOCATION)).isEqualTo("DC-TR2");

        // The availability event continues the movement's trace from the movement's span.
        String traceparentA = KafkaCloudEvents.get(eventA.headers(), KafkaCloudEvents.TRACEPARENT);
        String traceparentB = KafkaCloudEvents.get(eventB.headers(), KafkaCloudEvents.TRACEPARENT);
        assertThat(traceparentA).contains(traceA);
        assertThat(traceparentB).contains(traceB);
        assertThat(descendsFrom(traceparentA, movementA)).as("event A continues from movement A's span").isTrue();
        assertThat(descendsFrom(traceparentB, movementB)).as("event B continues from movement B's span").isTrue();

        // The poll that applied a movement is one span linked to that movement's upstream context, and the movement
        // span links back to it.
        for (SpanData movement : List.of(movementA, movementB)) {
            SpanData poll = pollLinkedFrom(movement);
            assertThat(poll.getName()).isEqualTo("wms.stock-movements process");
            assertThat(poll.getParentSpanId()).as("the poll starts its own trace").isEqualTo("0000000000000000");
            assertThat(poll.getLinks()).extracting(l -> l.getSpanContext().getTraceId() + "/"
                    + l.getSpanContext().getSpanId()).contains(movement.getTraceId() + "/" + movement.getParentSpanId());
        }

        // A movement that carried no trace is a child of the poll that applied it, still with sku and location.
        SpanData pollOfC = spans.getFinishedSpanItems().stream()
                .filter(s -> s.getSpanId().equals(movementC.getParentSpanId())).findFirst().orElseThrow();
        assertThat(pollOfC.getName()).isEqualTo("wms.stock-movements process");
        assertThat(movementC.getAttributes().get(LOCATION)).isEqualTo("DC-TR1");
    }

    private SpanData awaitMovementSpan(String sku) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> s.getName().equals("stock-movement apply") && sku.equals(s.getAttributes().get(SKU)))
                .findFirst().orElse(null), s -> s != null);
    }

    private SpanData pollLinkedFrom(SpanData movement) {
        List<String> linked = movement.getLinks().stream().map(LinkData::getSpanContext)
                .map(c -> c.getSpanId()).toList();
        assertThat(linked).as("links of " + movement.getName()).isNotEmpty();
        return await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> linked.contains(s.getSpanId())).findFirst().orElse(null), s -> s != null);
    }

    /** The event's traceparent names the movement span itself or a span (the relay's send) whose parent it is. */
    private boolean descendsFrom(String traceparent, SpanData movement) {
        String parentId = traceparent.split("-")[2];
        if (parentId.equals(movement.getSpanId())) {
            return true;
        }
        return await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .anyMatch(s -> s.getSpanId().equals(parentId)
                        && s.getParentSpanId().equals(movement.getSpanId())), found -> found);
    }

    private static ProducerRecord<String, String> record(String sku, String location, int quantity, String traceparent) {
        String data = "{\"sku\":\"" + sku + "\",\"location\":\"" + location + "\",\"type\":\"RECEIPT\",\"quantity\":"
                + quantity + ",\"occurredAt\":\"" + OffsetDateTime.now() + "\"}";
        CloudEvent event = CloudEvent.of("/wms/test", "tradeflow.wms.stock-movement.v1", sku, "corr-" + sku, data);
        if (traceparent != null) {
            event = event.withTraceparent(traceparent);
        }
        return new ProducerRecord<>(Topics.WMS_STOCK_MOVEMENTS, null, sku, data, KafkaCloudEvents.headers(event));
    }

    private static ConsumerRecord<String, String> lastFor(List<ConsumerRecord<String, String>> records, String sku) {
        List<ConsumerRecord<String, String>> mine = records.stream().filter(r -> sku.equals(r.key())).toList();
        return mine.isEmpty() ? null : mine.get(mine.size() - 1);
    }

    private static String newTraceId() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
