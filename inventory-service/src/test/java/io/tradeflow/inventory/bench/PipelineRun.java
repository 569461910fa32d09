package io.tradeflow.inventory.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Drives one phase through a pipeline: an output reader on its own thread, records sent burst or paced. */
final class PipelineRun {
    /** How long to wait for stragglers once everything was sent, before calling the rest lost. */
    private static final Duration DRAIN = Duration.ofSeconds(60);

    private final BenchKafka kafka;
    private final KafkaProducer<String, String> producer;

    PipelineRun(BenchKafka kafka, KafkaProducer<String, String> producer) {
        this.kafka = kafka;
        this.producer = producer;
    }

    /** Sends every record as fast as the producer takes them: the phase's throughput is the maximum. */
    Phase burst(Pipeline pipeline, Phase phase, IntFunction<ProducerRecord<String, String>> records)
            throws InterruptedException {
        return measure(pipeline, phase, () -> {
            for (int seq = 0; seq < phase.records; seq++) {
                phase.sent(seq, System.nanoTime());
                producer.send(records.apply(seq));
            }
        });
    }

    /** Sends at a fixed rate: the phase's latencies are those at that rate. */
    Phase paced(Pipeline pipeline, Phase phase, double perSecond, IntFunction<ProducerRecord<String, String>> records)
            throws InterruptedException {
        int[] next = {0};
        return measure(pipeline, phase, () -> Pacer.run(perSecond, phase.records, intended -> {
            int seq = next[0]++;
            phase.sent(seq, intended);
            producer.send(records.apply(seq));
        }));
    }

    private Phase measure(Pipeline pipeline, Phase phase, Runnable send) throws InterruptedException {
        AtomicBoolean reading = new AtomicBoolean(true);
        KafkaConsumer<String, String> consumer = kafka.tail(pipeline.outputTopic());
        Thread reader = new Thread(() -> {
            try (consumer) {
                while (reading.get()) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(20))) {
                        try {
                            pipeline.onOutput(r, phase, System.nanoTime());
                        } catch (RuntimeException unreadable) {
                            // An output the bench cannot read must not stop the reader: it shows as lost.
                            phase.unreadable(unreadable);
                        }
                    }
                }
            }
        }, "bench-reader-" + phase.prefix);
        reader.start();
        send.run();
        producer.flush();
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (phase.completed() < phase.records && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        reading.set(false);
        reader.join();
        return phase;
    }
}
