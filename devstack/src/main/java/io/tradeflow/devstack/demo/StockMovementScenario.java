package io.tradeflow.devstack.demo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
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
    private static final int WARM_SCANS = 5;

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

            // The first scan after start also pays for cold code and this simulator's own producer set-up; the
            // scans after it show what a running warehouse sees.
            long first = -1;
            long[] warm = new long[WARM_SCANS];
            for (int scan = 0; scan <= WARM_SCANS; scan++) {
                long millis = scan(producer, consumer, scan == 0);
                if (millis < 0) {
                    return Outcome.failed("no availability for " + SKU + " on " + Topics.INVENTORY_AVAILABILITY
                            + " within " + WAIT.toSeconds() + " s of scan " + (scan + 1) + ": is inventory-service "
                            + "running and consuming " + Topics.WMS_STOCK_MOVEMENTS + "? (see its log under the data "
                            + "folder)");
                }
                if (scan == 0) {
                    first = millis;
                } else {
                    warm[scan - 1] = millis;
                }
            }
            Arrays.sort(warm);
            System.out.printf("  next %d scans: %s ms%n", WARM_SCANS, Arrays.toString(warm));
            return Outcome.passed("availability of " + SKU + " published " + first + " ms after the first scan, "
                    + warm[WARM_SCANS / 2] + " ms (median) after the next " + WARM_SCANS);
        }
    }

    /** One receipt, sent and awaited as the availability event it caused. @return ms from send, or -1 */
    private static long scan(KafkaProducer<String, String> producer, KafkaConsumer<String, String> consumer,
                             boolean show) throws Exception {
        CloudEvent event = CloudEvent.of("/tradeflow/devstack/wms-simulator", CloudEventTypes.STOCK_MOVEMENT,
                SKU, "demo-" + UUID.randomUUID(), DemoContext.JSON.writeValueAsString(movement()));
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.WMS_STOCK_MOVEMENTS, null, SKU,
                event.data(), KafkaCloudEvents.headers(event));
        long sentAt = System.nanoTime();
        RecordMetadata sent = producer.send(record).get();
        if (show) {
            System.out.printf("  sent     %s-%d@%d key=%s type=%s id=%s%n           %s%n", sent.topic(),
                    sent.partition(), sent.offset(), SKU, event.type(), event.id(), event.data());
        }
        long deadline = sentAt + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> in : consumer.poll(Duration.ofMillis(5))) {
                if (SKU.equals(in.key()) && event.id().equals(DemoContext.JSON.readTree(in.value()).path("causeId")
                        .asText())) {
                    long millis = (System.nanoTime() - sentAt) / 1_000_000;
                    if (show) {
                        System.out.printf("  received %s-%d@%d key=%s after %d ms%n           headers %s%n"
                                + "           %s%n", in.topic(), in.partition(), in.offset(), in.key(), millis,
                                headers(in), in.value());
                    }
                    return millis;
                }
            }
        }
        return -1;
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
