package io.tradeflow.inventory.bench;

import io.tradeflow.testinfra.bench.Pacer;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Drives one phase through a pipeline: an output reader on its own thread, records sent burst or paced. */
final class PipelineRun {
    /**
     * Once everything is sent, keep waiting while records still complete; only this long without any progress
     * calls the rest lost. A slow pipeline thus finishes its backlog before the next phase starts.
     */
    private static final Duration STALL = Duration.ofSeconds(30);

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
        int seen = -1;
        long stalledSince = System.nanoTime();
        while (phase.completed() < phase.records && System.nanoTime() - stalledSince < STALL.toNanos()) {
            if (phase.completed() != seen) {
                seen = phase.completed();
                stalledSince = System.nanoTime();
            }
            Thread.sleep(5);
        }
        reading.set(false);
        reader.join();
        return phase;
    }
}
