package io.tradeflow.orders.bench;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.tradeflow.contracts.common.Money;
import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.events.CloudEventTypes;
import io.tradeflow.contracts.events.KafkaCloudEvents;
import io.tradeflow.contracts.events.Topics;
import io.tradeflow.contracts.json.Json;
import io.tradeflow.contracts.orders.CarrierMilestone;
import io.tradeflow.contracts.orders.InvoicePosted;
import io.tradeflow.contracts.orders.MilestoneStatus;
import io.tradeflow.contracts.orders.SalesOrderAccepted;
import io.tradeflow.contracts.orders.Shipment;

/**
 * A fast ERP + WMS + carrier over Kafka: answers each create-sales-order command with SALES_ORDER_ACCEPTED,
 * then follows the order on orders.lifecycle (CONFIRMED -> SHIPMENT_DISPATCHED, SHIPPED -> CARRIER_MILESTONE
 * DELIVERED, DELIVERED -> INVOICE_POSTED) and records the instant each order reaches COMPLETED. Payloads as in
 * OrderToCashWithPricingAndInventoryStubbedTest.
 */
final class ErpWmsResponder implements AutoCloseable {
    final Map<String, Long> completedAt = new ConcurrentHashMap<>();
    final Set<String> failed = ConcurrentHashMap.newKeySet();
    final AtomicInteger commandsAnswered = new AtomicInteger();
    private final KafkaConsumer<String, String> consumer;
    private final KafkaProducer<String, String> producer;
    private final Thread thread;
    private volatile boolean running = true;

    ErpWmsResponder(String bootstrap) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.ERP_SALES_ORDER_COMMANDS, Topics.ORDERS_LIFECYCLE)) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        producer = producer(bootstrap);
        thread = new Thread(this::run, "erp-wms-responder");
        thread.setDaemon(true);
        thread.start();
    }

    static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    static void send(KafkaProducer<String, String> producer, String topic, String key, String type, Object payload) {
        CloudEvent event = CloudEvent.of("/bench/" + topic, type, key, "corr-bench-" + key, Json.write(payload));
        producer.send(new ProducerRecord<>(topic, null, key, event.data(), KafkaCloudEvents.headers(event)));
    }

    private void run() {
        while (running) {
            try {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(50))) {
                    handle(r);
                }
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                return;
            } catch (RuntimeException e) {
                e.printStackTrace();
            }
        }
    }

    private void handle(ConsumerRecord<String, String> r) {
        String orderId = r.key();
        OffsetDateTime now = OffsetDateTime.now();
        if (Topics.ERP_SALES_ORDER_COMMANDS.equals(r.topic())) {
            if (CloudEventTypes.CREATE_SALES_ORDER.equals(KafkaCloudEvents.get(r.headers(), KafkaCloudEvents.CE_TYPE))) {
                commandsAnswered.incrementAndGet();
                send(producer, Topics.ERP_SALES_ORDER_EVENTS, orderId, CloudEventTypes.SALES_ORDER_ACCEPTED,
                        new SalesOrderAccepted(orderId, "SO-" + orderId, now));
            }
            return;
        }
        String state = topLevelState(r.value());
        if (state == null) {
            return;
        }
        switch (state) {
            case "CONFIRMED" -> send(producer, Topics.WMS_SHIPMENTS, orderId, CloudEventTypes.SHIPMENT_DISPATCHED,
                    new Shipment(orderId, "SH-" + orderId, "WH-1", "UPS", "1Z" + orderId,
                            List.of(new Shipment.Line(1, "SKU-A", new BigDecimal("3"), "EA")), now));
            case "SHIPPED" -> send(producer, Topics.CARRIER_MILESTONES, orderId, CloudEventTypes.CARRIER_MILESTONE,
                    new CarrierMilestone(orderId, "SH-" + orderId, "UPS", "1Z" + orderId, MilestoneStatus.DELIVERED,
                            null, now));
            case "DELIVERED" -> send(producer, Topics.ERP_SALES_ORDER_EVENTS, orderId, CloudEventTypes.INVOICE_POSTED,
                    new InvoicePosted(orderId, "SO-" + orderId, "INV-" + orderId, LocalDate.now(),
                            LocalDate.now().plusDays(30), Money.of("30.00", "USD"), Money.of("0", "USD"),
                            Money.of("30.00", "USD"), List.of(), now));
            case "COMPLETED" -> completedAt.putIfAbsent(orderId, System.nanoTime());
            case "REJECTED", "FAILED", "CANCELLED" -> failed.add(orderId);
            default -> {
            }
        }
    }

    /**
     * The lifecycle event's own {@code state}, read by streaming past its other fields: a whole tree of every event
     * (lines, timeline, references) was most of this responder's CPU, which the benchmark's two cores share with the
     * orchestrator.
     */
    static String topLevelState(String json) {
        try (JsonParser parser = Json.mapper().getFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("state".equals(field) && value == JsonToken.VALUE_STRING) {
                    return parser.getText();
                }
                parser.skipChildren();
            }
            return null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close();
        producer.close();
    }
}
