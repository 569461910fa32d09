package io.tradeflow.gateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.tradeflow.contracts.events.Topics;
import io.tradeflow.testinfra.bench.BenchHost;
import io.tradeflow.testinfra.bench.BenchTopics;
import io.tradeflow.testinfra.bench.Latencies;
import io.tradeflow.testinfra.bench.Pacer;
import io.tradeflow.testinfra.EmbeddedServers;
import io.tradeflow.testinfra.bench.CpuShares;
import io.tradeflow.testinfra.bench.JitSettling;

/**
 * Issue 6 point 9: 10-line X12 850 documents per second parsed, acknowledged (997) and published (canonical
 * order consumed from {@code orders.inbound}) through the packaged partner-gateway, beside raw Kafka
 * produce->consume of records of the same payload size in the same run, then p50/p99 latency (to the 997
 * and to the published order) at half the gateway's max rate, open loop. A program, not a test.
 *
 * <pre>
 * ./mvnw -B -q install -DskipTests -Dexec.skip=true -Dasyncapi.skip=true -pl partner-gateway -am
 * ./mvnw -B -q -pl partner-gateway test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.tradeflow.gateway.bench.PartnerDocumentsBenchmark -Dbench.docs=3000 -Dbench.clients=16
 * </pre>
 * Each HTTP client is its own onboarded partner (the rate limit is per partner, capped at 100000/min), so the
 * limiter never answers 429 during the run. {@code bench.jar} / {@code bench.service-opts} as in the
 * inventory bench.
 */
public final class PartnerDocumentsBenchmark {
    static final String RAW_TOPIC = "bench.raw.x12-850";
    static final int PARTITIONS = 3;
    static final AtomicLong CONTROL = new AtomicLong(100_000);
    /**
     * 850s per interchange ({@code bench.sets-per-interchange}, 1 by default: one PO per request, the dearest case).
     * Figures stay per 850 document; a partner's batch of many POs in one interchange shares one request, one
     * audit record and one 997 among them.
     */
    static final int SETS = Integer.getInteger("bench.sets-per-interchange", 1);

    public static void main(String[] args) throws Exception {
        int docs = wholeInterchanges(Integer.getInteger("bench.docs", 3000));
        int clients = Integer.getInteger("bench.clients", 16);
        int warmDocs = wholeInterchanges(Integer.getInteger("bench.warm", Math.max(500, docs / 3)));
        Path jar = BenchHost.serviceJar("partner-gateway");
        String bootstrap = EmbeddedServers.kafkaBootstrapServers();
        EmbeddedServers.createDatabase("gateway");
        BenchTopics.ensure(bootstrap, PARTITIONS, Topics.ORDERS_INBOUND, Topics.ORDERS_LIFECYCLE, RAW_TOPIC);
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "DB_HOST", EmbeddedServers.pgHost(), "DB_PORT", Integer.toString(EmbeddedServers.pgPort()),
                "DB_NAME", "gateway", "DB_USER", "postgres", "DB_PASSWORD", EmbeddedServers.pgPassword(),
                "TRADEFLOW_OTEL_DISABLED", "true");
        String loadAtStart = BenchHost.loadAverage();
        int status = 0;
        try (GatewayProcess gateway = GatewayProcess.start(jar, jar.getParent().getParent().resolve("bench"), env);
             KafkaProducer<String, String> producer = producer(bootstrap)) {
            List<String[]> partners = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                String id = "b" + UUID.randomUUID().toString().substring(0, 8);
                partners.add(new String[] {id, id.toUpperCase(Locale.ROOT), gateway.onboard(id, id.toUpperCase(Locale.ROOT), 100_000)});
            }
            int payloadBytes = x12("BSIZE", "PSIZE-000000", 1).getBytes(StandardCharsets.US_ASCII).length;
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newFixedThreadPool(4)).build();

            // Warm both sides, then measure raw, gateway, raw again (the better raw figure is the baseline).
            raw(bootstrap, producer, "RW", warmDocs);
            // Warm-up rounds until the gateway's JIT has settled (see JitSettling): else the figures measure C2.
            double settled = JitSettling.until(gateway.process, Integer.getInteger("bench.settle-max-seconds", 120),
                    () -> gateway(bootstrap, gateway, http, partners, "GW", warmDocs));
            Result raw1 = raw(bootstrap, producer, "R1", docs);
            // What one document costs the gateway process (all threads, GC and JIT included): less sensitive to a
            // shared, busy machine than the rates, and it tells CPU-bound from serialised.
            CpuShares cpuBefore = CpuShares.now(gateway.process);
            long commitsBefore = PostgresWaits.commits(EmbeddedServers.pgHost(), EmbeddedServers.pgPort(),
                    EmbeddedServers.pgPassword(), "gateway");
            PostgresWaits waits = Boolean.getBoolean("bench.pg-sample") ? new PostgresWaits(EmbeddedServers.pgHost(),
                    EmbeddedServers.pgPort(), EmbeddedServers.pgPassword(), "gateway") : null;
            Result gw = gateway(bootstrap, gateway, http, partners, "G1", docs);
            if (waits != null) {
                waits.close();
            }
            CpuShares cpuAfter = CpuShares.now(gateway.process);
            double commitsPerDoc = (PostgresWaits.commits(EmbeddedServers.pgHost(), EmbeddedServers.pgPort(),
                    EmbeddedServers.pgPassword(), "gateway") - commitsBefore) / (double) docs;
            double cpuPerDoc = cpuAfter.serviceMillisPerOperation(cpuBefore, docs);
            Result raw2 = raw(bootstrap, producer, "R2", docs);
            Result raw = raw1.perSecond() >= raw2.perSecond() ? raw1 : raw2;
            // Latency is measured open-loop at half the rate the gateway just sustained, as in the other benches:
            // at saturation latency only measures the queue.
            double halfRate = Math.max(1, gw.perSecond() / 2);
            int latencyDocs = wholeInterchanges((int) Math.max(200, Math.min(docs, halfRate
                    * Integer.getInteger("bench.latency-seconds", 10))));
            Paced paced = paced(bootstrap, gateway, http, partners, "L1", latencyDocs, halfRate);

            System.out.println();
            System.out.println("== partner-gateway benchmark: X12 850 (10 lines) parsed, 997-acknowledged, published ==");
            System.out.printf(Locale.ROOT, "850s per interchange %d (bench.sets-per-interchange)%n", SETS);
            System.out.printf(Locale.ROOT, "documents per run %d; payload %d B; %d concurrent HTTP clients (one partner "
                    + "each); %d partitions; acks=all; gateway up in %.2f s; JIT settled after %.0f s of warm-up; "
                    + "service options: %s%n", docs, payloadBytes, clients, PARTITIONS, gateway.startupSeconds, settled,
                    System.getProperty("bench.service-opts", "none"));
            System.out.printf(Locale.ROOT, "raw kafka produce->consume      %9.0f rec/s (%d/%d consumed; runs %.0f and %.0f; "
                    + "produce alone %.0f rec/s)%n", raw.perSecond(), raw.completed, raw.records, raw1.perSecond(),
                    raw2.perSecond(), raw.records / ((raw.httpEndNanos - raw.startNanos) / 1e9));
            System.out.printf(Locale.ROOT, "gateway POST->997->orders.inbound %7.0f docs/s (%d/%d published, %d x 997 ok, "
                    + "%d other answers; http-only %.0f docs/s)%s%n", gw.perSecond(), gw.completed, gw.records, gw.acked.get(),
                    gw.failed, gw.httpPerSecond() * SETS, gw.firstFailure == null ? "" : " first failure: " + gw.firstFailure);
            System.out.printf(Locale.ROOT, "at half max rate (%.0f docs/s offered, %d docs, %d/%d published): "
                    + "997 p50 %.1f ms p99 %.1f ms; published on orders.inbound p50 %.1f ms p99 %.1f ms%s%n",
                    halfRate, latencyDocs, paced.published.count(), latencyDocs, paced.acked.millis(0.50),
                    paced.acked.millis(0.99), paced.published.millis(0.50), paced.published.millis(0.99),
                    paced.result.firstFailure == null ? "" : " first failure: " + paced.result.firstFailure);
            System.out.printf(Locale.ROOT, "gateway CPU per document %.2f ms, %.2f ms without JIT compilation (process "
                    + "user+system over the max-rate run; %.0f docs/s would saturate %d cores)%n", cpuPerDoc,
                    cpuAfter.serviceWithoutJitMillisPerOperation(cpuBefore, docs),
                    1000 * Runtime.getRuntime().availableProcessors() / cpuPerDoc, Runtime.getRuntime().availableProcessors());
            System.out.println("CPU per document by process: " + cpuAfter.perOperation(cpuBefore, docs, "gateway"));
            System.out.printf(Locale.ROOT, "PostgreSQL transactions committed per document: %.2f (relay, rate limit and "
                    + "reads included)%n", commitsPerDoc);
            if (waits != null) {
                System.out.println("postgres during the max-rate run: " + waits.summary());
            }
            double ratio = gw.perSecond() / raw.perSecond();
            System.out.printf(Locale.ROOT, "ratio gateway/raw: %.3f (target >= 0.25: %s)%n", ratio,
                    ratio >= 0.25 ? "met" : "NOT met");
            System.out.println("load average (1/5/15 min) at start " + loadAtStart + ", at end " + BenchHost.loadAverage()
                    + " on " + Runtime.getRuntime().availableProcessors() + " cores");
            status = gw.completed == gw.records && gw.failed == 0 && paced.result.failed == 0
                    && paced.result.completed == latencyDocs ? 0 : 1;
        } catch (Exception e) {
            e.printStackTrace();
            status = 2;
        }
        System.exit(status);
    }

    static final class Result {
        final int records;
        volatile int completed;
        final AtomicInteger acked = new AtomicInteger();
        final AtomicInteger failedCount = new AtomicInteger();
        int failed;
        volatile String firstFailure;
        long startNanos;
        long endNanos;
        long httpEndNanos;

        Result(int records) {
            this.records = records;
        }

        double perSecond() {
            return completed / ((endNanos - startNanos) / 1e9);
        }

        double httpPerSecond() {
            return acked.get() / ((httpEndNanos - startNanos) / 1e9);
        }
    }

    /** One 850 interchange with ten PO1/PID line pairs; ISA13/GS06 and the PO number are unique per call. */
    static String x12(String sender, String po, long control) {
        return x12(sender, po, control, 1);
    }

    /**
     * One interchange of {@code sets} 850s in one functional group, ten PO1/PID line pairs each, as a partner
     * sends its scheduled batch of purchase orders; the POs are {@code po} for one set, else {@code po.1..po.n}.
     */
    static String x12(String sender, String po, long control, int sets) {
        String isa13 = String.format("%09d", control);
        StringBuilder s = new StringBuilder();
        s.append("ISA*00*          *00*          *ZZ*").append(String.format("%-15s", sender))
                .append("*ZZ*TRADEFLOW      *240105*1230*U*00401*").append(isa13).append("*0*P*>~\n");
        s.append("GS*PO*").append(sender).append("*TRADEFLOW*20240105*1230*").append(control).append("*X*004010~\n");
        for (int set = 1; set <= sets; set++) {
            String st = String.format("%04d", set);
            s.append("ST*850*").append(st).append("~\nBEG*00*SA*").append(poNumber(po, set, sets))
                    .append("**20240105~\nCUR*BY*USD~\nREF*DP*042~\n")
                    .append("PER*BD*Pat Buyer*TE*5555550100~\nDTM*002*20240120~\nN1*ST*Acme Store 42*92*ST-42~\n")
                    .append("N3*100 Main Street*Suite 5~\nN4*Springfield*IL*62701*US~\n");
            for (int line = 1; line <= 10; line++) {
                s.append("PO1*").append(line).append('*').append(line * 2).append("*EA*").append(line).append(".25*PE*BP*ACME-")
                        .append(100 + line).append("*VP*SKU-").append(100 + line).append("~\n");
                s.append("PID*F****Widget model ").append(line).append("~\n");
            }
            int segments = 9 + 20 + 2;
            s.append("CTT*10~\nSE*").append(segments).append('*').append(st).append("~\n");
        }
        s.append("GE*").append(sets).append('*').append(control).append("~\nIEA*1*").append(isa13).append("~\n");
        return s.toString();
    }

    /** {@code docs} rounded down to whole interchanges of {@link #SETS} 850s, at least one interchange. */
    static int wholeInterchanges(int docs) {
        return Math.max(1, docs / SETS) * SETS;
    }

    /** The PO number of set {@code set} of an interchange of {@code sets}: {@code po} alone, else {@code po.set}. */
    static String poNumber(String po, int set, int sets) {
        return sets == 1 ? po : po + "." + set;
    }

    private static Result gateway(String bootstrap, GatewayProcess gateway, HttpClient http, List<String[]> partners,
            String tag, int docs) throws Exception {
        Result result = new Result(docs);
        String phase = tag + Long.toString(System.nanoTime() % 100_000, 36).toUpperCase(Locale.ROOT);
        AtomicInteger next = new AtomicInteger();
        return measure(bootstrap, Topics.ORDERS_INBOUND, phase, result, () -> {
            ExecutorService pool = Executors.newFixedThreadPool(partners.size());
            List<Future<?>> clients = new ArrayList<>();
            for (String[] partner : partners) {
                clients.add(pool.submit(() -> {
                    int seq;
                    while ((seq = next.getAndIncrement()) < docs / SETS) {
                        String body = x12(partner[1], phase + "-" + seq, CONTROL.incrementAndGet(), SETS);
                        try {
                            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl
                                            + "/api/v1/partners/" + partner[0] + "/documents"))
                                    .header("X-API-Key", partner[2]).header("Content-Type", "application/edi-x12")
                                    .timeout(Duration.ofSeconds(30))
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.getBytes(StandardCharsets.US_ASCII)))
                                    .build(), HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() == 200 && r.body().contains("ST*997") && r.body().contains("AK9*A")) {
                                result.acked.incrementAndGet();
                            } else {
                                fail(result, r.statusCode() + " " + r.body().replace('\n', ' '));
                            }
                        } catch (Exception e) {
                            fail(result, e.toString());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                try {
                    client.get();
                } catch (InterruptedException | ExecutionException e) {
                    throw new IllegalStateException(e);
                }
            }
            pool.shutdown();
            result.httpEndNanos = System.nanoTime();
        });
    }

    /** The paced run's latencies: send time to 997 received, and to the canonical order consumed. */
    record Paced(Result result, Latencies acked, Latencies published) {
    }

    /**
     * Open loop: document i is due at start + i / rate and is sent asynchronously whatever the gateway does,
     * so a gateway falling behind shows as latency rather than as a lower offered rate.
     */
    private static Paced paced(String bootstrap, GatewayProcess gateway, HttpClient http, List<String[]> partners,
                               String tag, int docs, double perSecond) throws Exception {
        Result result = new Result(docs);
        Latencies acked = new Latencies();
        Latencies published = new Latencies();
        java.util.concurrent.ConcurrentHashMap<String, Long> due = new java.util.concurrent.ConcurrentHashMap<>();
        String phase = tag + Long.toString(System.nanoTime() % 100_000, 36).toUpperCase(Locale.ROOT);
        java.util.concurrent.CountDownLatch answered = new java.util.concurrent.CountDownLatch(docs / SETS);
        measure(bootstrap, Topics.ORDERS_INBOUND, phase, result, () -> {
            AtomicInteger seq = new AtomicInteger();
            Pacer.run(perSecond / SETS, docs / SETS, dueNanos -> {
                int n = seq.getAndIncrement();
                String[] partner = partners.get(n % partners.size());
                String po = phase + "-" + n;
                for (int set = 1; set <= SETS; set++) {
                    due.put(poNumber(po, set, SETS), dueNanos);
                }
                String body = x12(partner[1], po, CONTROL.incrementAndGet(), SETS);
                http.sendAsync(HttpRequest.newBuilder(URI.create(gateway.baseUrl + "/api/v1/partners/" + partner[0]
                                        + "/documents"))
                                .header("X-API-Key", partner[2]).header("Content-Type", "application/edi-x12")
                                .timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body.getBytes(StandardCharsets.US_ASCII)))
                                .build(), HttpResponse.BodyHandlers.ofString())
                        .whenComplete((r, e) -> {
                            if (e != null) {
                                fail(result, e.toString());
                            } else if (r.statusCode() == 200 && r.body().contains("ST*997") && r.body().contains("AK9*A")) {
                                acked.add(System.nanoTime() - dueNanos);
                                result.acked.incrementAndGet();
                            } else {
                                fail(result, r.statusCode() + " " + r.body().replace('\n', ' '));
                            }
                            answered.countDown();
                        });
            });
            try {
                answered.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            result.httpEndNanos = System.nanoTime();
        }, record -> {
            Long sent = due.get(record.key().substring(record.key().indexOf(':') + 1));
            if (sent != null) {
                published.add(System.nanoTime() - sent);
            }
        });
        return new Paced(result, acked, published);
    }

    private static void fail(Result result, String why) {
        result.failedCount.incrementAndGet();
        if (result.firstFailure == null) {
            result.firstFailure = why.length() > 300 ? why.substring(0, 300) : why;
        }
    }

    private static Result raw(String bootstrap, KafkaProducer<String, String> producer, String tag, int docs)
            throws Exception {
        Result result = new Result(docs);
        String phase = tag + Long.toString(System.nanoTime() % 100_000, 36).toUpperCase(Locale.ROOT);
        return measure(bootstrap, RAW_TOPIC, phase, result, () -> {
            for (int seq = 0; seq < docs; seq++) {
                String po = phase + "-" + seq;
                producer.send(new ProducerRecord<>(RAW_TOPIC, "BRAW:" + po, x12("BRAW", po, CONTROL.incrementAndGet())));
            }
            producer.flush();
            result.httpEndNanos = System.nanoTime();
        });
    }

    /** Tails {@code topic} from its end, runs {@code send}, and waits until every record of the phase is consumed. */
    private static Result measure(String bootstrap, String topic, String phase, Result result, Runnable send)
            throws InterruptedException {
        return measure(bootstrap, topic, phase, result, send, record -> {
        });
    }

    private static Result measure(String bootstrap, String topic, String phase, Result result, Runnable send,
                                  java.util.function.Consumer<ConsumerRecord<String, String>> onRecord)
            throws InterruptedException {
        AtomicBoolean reading = new AtomicBoolean(true);
        KafkaConsumer<String, String> consumer = tail(bootstrap, topic);
        AtomicInteger seen = new AtomicInteger();
        String marker = phase + "-";
        Thread reader = new Thread(() -> {
            try (consumer) {
                while (reading.get()) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(20))) {
                        if (r.key() != null && r.key().contains(marker)) {
                            onRecord.accept(r);
                            result.completed = seen.incrementAndGet();
                            result.endNanos = System.nanoTime();
                        }
                    }
                }
            }
        }, "bench-reader-" + phase);
        reader.start();
        result.startNanos = System.nanoTime();
        send.run();
        long lastProgress = System.nanoTime();
        int last = -1;
        while (seen.get() < result.records && System.nanoTime() - lastProgress < Duration.ofSeconds(20).toNanos()) {
            if (seen.get() != last) {
                last = seen.get();
                lastProgress = System.nanoTime();
            }
            Thread.sleep(5);
        }
        reading.set(false);
        reader.join();
        if (result.endNanos == 0) {
            result.endNanos = System.nanoTime();
        }
        result.failed = result.failedCount.get();
        return result;
    }

    /** Same producer settings as the inventory bench: durable (acks=all, idempotent), batching a little. */
    static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "65536");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    static KafkaConsumer<String, String> tail(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }



    private PartnerDocumentsBenchmark() {
    }
}
