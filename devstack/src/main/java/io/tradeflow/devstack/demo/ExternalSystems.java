package io.tradeflow.devstack.demo;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.events.KafkaCloudEvents;
import io.tradeflow.contracts.json.Json;

/**
 * The ERP, CRM, WMS and carrier as the demo plays them: they publish CloudEvents on their topics and watch
 * the suite's commands, exactly as their real connectors would.
 */
public final class ExternalSystems implements AutoCloseable {
    private final DemoContext context;
    private final KafkaProducer<String, String> producer;

    public ExternalSystems(DemoContext context) {
        this.context = context;
        this.producer = context.producer("devstack-external-systems");
    }

    /** Publishes {@code payload} as a CloudEvent from {@code source}; returns the event id. */
    public String publish(String source, String topic, String key, String type, Object payload) throws Exception {
        CloudEvent event = CloudEvent.of("/" + source + "/simulator", type, key, "demo-" + UUID.randomUUID(),
                Json.write(payload));
        producer.send(new ProducerRecord<>(topic, null, key, event.data(), KafkaCloudEvents.headers(event))).get();
        return event.id();
    }

    /** A consumer positioned at the end of {@code topic}, to see only what happens from now on. */
    public KafkaConsumer<String, String> watch(String topic) {
        KafkaConsumer<String, String> consumer = context.consumer("devstack-watch-" + topic);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    /** The first record matching {@code match} within {@code wait}, or null. */
    public static ConsumerRecord<String, String> await(KafkaConsumer<String, String> consumer,
                                                       Predicate<ConsumerRecord<String, String>> match, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                if (match.test(record)) {
                    return record;
                }
            }
        }
        return null;
    }

    public static String type(ConsumerRecord<String, String> record) {
        return KafkaCloudEvents.get(record.headers(), KafkaCloudEvents.CE_TYPE);
    }

    @Override
    public void close() {
        producer.close();
    }
}
