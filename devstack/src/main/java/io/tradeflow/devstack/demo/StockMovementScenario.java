package io.tradeflow.devstack.demo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.events.CloudEventTypes;
import io.tradeflow.contracts.events.KafkaCloudEvents;
import io.tradeflow.contracts.events.Topics;

/**
 * Scan to storefront in its smallest form: the WMS reports a receipt on {@code wms.stock-movements}
 * and the inventory service publishes the SKU's availability on {@code inventory.availability}.
 */
final class StockMovementScenario implements DemoScenario {
    static final String SKU = "SKU-1";
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Override
    public String title() {
        return "a warehouse receipt becomes availability (" + Topics.WMS_STOCK_MOVEMENTS + " -> "
                + Topics.INVENTORY_AVAILABILITY + ")";
    }

    @Override
    public Outcome run(DemoContext context) throws Exception {
        // Operations set up the warehouse first: its stock is promised to the storefront and CRM.
        ServiceCalls.Answer location = context.rest().send("inventory-service", "PUT", "/api/v1/locations/WH1",
                "operations", "{\"name\":\"Main warehouse\",\"channels\":[\"storefront\",\"crm\",\"partner\"]}");
        System.out.printf("  PUT /api/v1/locations/WH1 -> %d%n", location.status());
        if (!location.ok()) {
            return Outcome.failed("inventory-service refused the location: " + location.body());
        }
        try (KafkaConsumer<String, String> consumer = context.consumer("devstack-demo-availability");
             KafkaProducer<String, String> producer = context.producer("devstack-wms-simulator")) {
            // Position at the end before producing, so only availability caused by this run counts.
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.INVENTORY_AVAILABILITY).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);

            CloudEvent event = CloudEvent.of("/tradeflow/devstack/wms-simulator", CloudEventTypes.STOCK_MOVEMENT,
                    SKU, "demo-" + UUID.randomUUID(), DemoContext.JSON.writeValueAsString(movement()));
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.WMS_STOCK_MOVEMENTS, null, SKU,
                    event.data(), KafkaCloudEvents.headers(event));
            long sentAt = System.nanoTime();
            RecordMetadata sent = producer.send(record).get();
            System.out.printf("  sent     %s-%d@%d key=%s type=%s id=%s%n           %s%n", sent.topic(),
                    sent.partition(), sent.offset(), SKU, event.type(), event.id(), event.data());

            long deadline = sentAt + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> in : consumer.poll(Duration.ofMillis(200))) {
                    if (SKU.equals(in.key())) {
                        long millis = (System.nanoTime() - sentAt) / 1_000_000;
                        System.out.printf("  received %s-%d@%d key=%s after %d ms%n           headers %s%n           %s%n",
                                in.topic(), in.partition(), in.offset(), in.key(), millis, headers(in), in.value());
                        return Outcome.passed("availability of " + SKU + " published " + millis
                                + " ms after the movement");
                    }
                }
            }
            return Outcome.failed("no record with key " + SKU + " on " + Topics.INVENTORY_AVAILABILITY + " within "
                    + WAIT.toSeconds() + " s: is inventory-service running and consuming "
                    + Topics.WMS_STOCK_MOVEMENTS + "? (see its log under the data folder)");
        }
    }

    private static Map<String, Object> movement() {
        Map<String, Object> movement = new LinkedHashMap<>();
        movement.put("sku", SKU);
        movement.put("location", "WH1");
        movement.put("type", "RECEIPT");
        movement.put("quantity", 10);
        movement.put("reason", "demo");
        movement.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
        return movement;
    }

    private static Map<String, String> headers(ConsumerRecord<String, String> record) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            result.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return result;
    }
}
