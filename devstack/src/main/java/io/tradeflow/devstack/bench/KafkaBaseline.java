package io.tradeflow.devstack.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Raw Kafka: maximum produce rate (acks=all), consume rate, and produce-to-consume latency at half the
 * maximum produce rate. The producer settings are the tuned ones a throughput-minded service would use.
 */
public final class KafkaBaseline implements Benchmark {
    private static final int PARTITIONS = 3;
    private static final int LINGER_MS = 5;
    private static final int BATCH_SIZE = 262_144;

    @Override
    public String subject() {
        return "kafka";
    }

    @Override
    public List<BenchResult> run(BenchEnvironment env) throws Exception {
        int size = env.settings().recordSize();
        String topic = "bench.kafka";
        try (Admin admin = env.kafka().admin()) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(PARTITIONS), Optional.empty()))).all().get();
        }
        Map<String, Object> conditions = new LinkedHashMap<>(Map.of("recordBytes", size, "acks", "all",
                "partitions", PARTITIONS, "lingerMs", LINGER_MS, "batchSize", BATCH_SIZE, "broker", "in-process KRaft"));
        byte[] payload = new byte[size];
        new Random(42).nextBytes(payload);
        try (KafkaProducer<byte[], byte[]> producer = producer(env)) {
            blast(producer, topic, payload, env.warmup());
            long sent = blast(producer, topic, payload, env.measure());
            double produceRate = sent * 1e9 / env.measure().toNanos();
            BenchResult produce = BenchResult.throughput(subject(), "produce max, " + size + " B records, acks=all",
                    produceRate, produceRate * size / 1e6, conditions);
            BenchResult consume = consume(env, topic, size, conditions);
            BenchResult latency = endToEnd(env, producer, topic, payload, produceRate / 2, conditions);
            return List.of(produce, consume, latency);
        }
    }

    /** Sends as fast as the producer accepts for {@code duration}; returns records acknowledged. */
    private static long blast(KafkaProducer<byte[], byte[]> producer, String topic, byte[] payload, Duration duration) {
        AtomicLong acked = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            producer.send(new ProducerRecord<>(topic, payload), (md, e) -> {
                if (e == null) {
                    acked.incrementAndGet();
                }
            });
        }
        producer.flush();
        return acked.get();
    }

    /** Reads everything produced so far from the beginning, for at most the measurement length. */
    private static BenchResult consume(BenchEnvironment env, String topic, int size, Map<String, Object> conditions) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(env)) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long total = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
            long read = 0;
            long start = System.nanoTime();
            long end = start + env.measure().toNanos();
            while (read < total && System.nanoTime() < end) {
                read += consumer.poll(Duration.ofMillis(100)).count();
            }
            double rate = read * 1e9 / (System.nanoTime() - start);
            return BenchResult.throughput("kafka", "consume, " + size + " B records", rate, rate * size / 1e6,
                    conditions);
        }
    }

    /** Fixed-rate produce; the consumer records now minus the intended send time carried in the value. */
    private static BenchResult endToEnd(BenchEnvironment env, KafkaProducer<byte[], byte[]> producer, String topic,
                                       byte[] template, double rate, Map<String, Object> conditions) throws Exception {
        LatencyRecorder latency = new LatencyRecorder();
        AtomicLong received = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        KafkaConsumer<byte[], byte[]> consumer = consumer(env);
        List<TopicPartition> partitions = partitions(consumer, topic);
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        Thread reader = new Thread(() -> {
            try (consumer) {
                while (running.get()) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                        latency.recordNanos(System.nanoTime() - ByteBuffer.wrap(r.value()).getLong());
                        received.incrementAndGet();
                    }
                }
            }
        }, "bench-kafka-consumer");
        reader.start();
        Duration total = env.warmup().plus(env.measure());
        long warmupEnd = System.nanoTime() + env.warmup().toNanos();
        AtomicBoolean reset = new AtomicBoolean();
        long sent = FixedRateLoad.run(rate, total, intended -> {
            if (intended >= warmupEnd && reset.compareAndSet(false, true)) {
                latency.reset();
            }
            byte[] value = template.clone();
            ByteBuffer.wrap(value).putLong(intended);
            producer.send(new ProducerRecord<>(topic, value));
        });
        producer.flush();
        long drainEnd = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (received.get() < sent && System.nanoTime() < drainEnd) {
            Thread.sleep(10);
        }
        running.set(false);
        reader.join();
        Map<String, Object> c = new LinkedHashMap<>(conditions);
        c.put("targetRate", Math.round(rate));
        c.put("lost", sent - received.get());
        return BenchResult.latency("kafka", "produce->consume at 50% of max, " + template.length + " B",
                rate, latency.summary(), c);
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private static KafkaProducer<byte[], byte[]> producer(BenchEnvironment env) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafka().bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_SIZE);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<byte[], byte[]> consumer(BenchEnvironment env) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafka().bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
