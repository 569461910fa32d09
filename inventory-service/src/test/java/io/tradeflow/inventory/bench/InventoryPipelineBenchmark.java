package io.tradeflow.inventory.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;

import io.tradeflow.contracts.events.Topics;
import io.tradeflow.testinfra.bench.BenchHost;
import io.tradeflow.testinfra.bench.BenchTopics;
import io.tradeflow.testinfra.bench.CpuShares;
import io.tradeflow.testinfra.bench.JitSettling;
import io.tradeflow.testinfra.bench.PostgresStatements;
import io.tradeflow.testinfra.EmbeddedServers;

/**
 * Scan-to-storefront speed: N one-unit receipts over M SKUs through the real broker and the packaged
 * inventory-service, measured from movement produced to availability event consumed, beside raw Kafka
 * produce->consume of the same records in the same run. Prints maximum throughput, p50/p99 at half of
 * each side's maximum, and the ratios. A program, not a test: speed is reported, never asserted.
 *
 * <pre>
 * ./mvnw -B install -DskipTests -Dexec.skip=true -pl contracts,platform,testinfra,inventory-service
 * ./mvnw -B -pl inventory-service test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.tradeflow.inventory.bench.InventoryPipelineBenchmark \
 *     -Dbench.movements=200000 -Dbench.skus=100 -Dbench.seconds=10
 * </pre>
 * {@code bench.settle-rate} (1000/s), {@code bench.settle-max-seconds} (120), {@code bench.warm-max-seconds} (60, bursts) and, for raw Kafka,
 * {@code bench.settle-seconds} (10) shape the paced settling run that comes first on each side;
 * {@code bench.lead-in-max-seconds} (60) and {@code bench.lead-in-seconds} (5, raw) the one at half rate;
 * {@code bench.jar} overrides the service jar; {@code bench.service-opts} adds JVM options to the service
 * (e.g. {@code -Dmp.messaging.incoming.stock-movements.partitions=3}); TRADEFLOW_TEST_KAFKA / TRADEFLOW_TEST_PG use servers that
 * already run (see EmbeddedServers).
 */
public final class InventoryPipelineBenchmark {
    static final String LOCATION = "BENCH-DC";

    public static void main(String[] args) {
        try {
            run();
        } catch (Throwable e) {
            // Under exec:java an escaping exception is reported only once every non-daemon thread has ended, and
            // the embedded broker's never do: print it and exit instead of hanging silently.
            e.printStackTrace();
            System.exit(2);
        }
    }

    private static void run() throws Exception {
        // The maximum is a burst of this many movements. 50,000 passed through the service in about a second, so one
        // stall (a GC, a late compile, a slow first fetch) decided the figure: six runs in one session gave 26k-53k/s
        // for the service and 64k-83k/s for raw Kafka. 200,000 last several seconds on both sides: a sustained rate.
        int movements = Integer.getInteger("bench.movements", 200_000);
        int skus = Integer.getInteger("bench.skus", 100);
        int seconds = Integer.getInteger("bench.seconds", 10);
        Path jar = BenchHost.serviceJar("inventory-service");
        String kafkaBootstrap = EmbeddedServers.kafkaBootstrapServers();
        EmbeddedServers.createDatabase("inventory");
        BenchKafka kafka = new BenchKafka(kafkaBootstrap);
        BenchTopics.ensure(kafkaBootstrap, BenchKafka.PARTITIONS, Topics.WMS_STOCK_MOVEMENTS, Topics.INVENTORY_AVAILABILITY, RawKafkaPipeline.TOPIC);
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap,
                "DB_HOST", EmbeddedServers.pgHost(), "DB_PORT", Integer.toString(EmbeddedServers.pgPort()),
                "DB_NAME", "inventory", "DB_USER", "postgres", "DB_PASSWORD", EmbeddedServers.pgPassword(),
                // No trace collector runs here; exporting would only add failed connection attempts.
                "TRADEFLOW_OTEL_DISABLED", "true");
        String loadAtStart = BenchHost.loadAverage();
        int status = 0;
        try (InventoryProcess service = InventoryProcess.start(jar, jar.getParent().getParent().resolve("bench"), env);
             KafkaProducer<String, String> producer = kafka.producer()) {
            service.putLocation(LOCATION, "storefront", "crm");
            PipelineRun run = new PipelineRun(kafka, producer);
            Figures raw = measure(run, new RawKafkaPipeline(), movements, skus, seconds, null);
            Figures inventory = measure(run, new InventoryPipeline(), movements, skus, seconds, service);
            print(raw, inventory, movements, skus, service.startupSeconds);
            // Figures are only comparable on a quiet machine: show how busy it was.
            System.out.println("load average (1/5/15 min) at start " + loadAtStart + ", at end " + BenchHost.loadAverage()
                    + " on " + Runtime.getRuntime().availableProcessors() + " cores");
            status = inventory.max.completed() == inventory.max.records ? 0 : 1;
        } catch (Exception e) {
            e.printStackTrace();
            status = 2;
        }
        // Exiting runs EmbeddedServers' shutdown hooks (broker and PostgreSQL stop) even under exec:java.
        System.exit(status);
    }

    /** CPU shares at the start and end of the max phase and of the measured half phase (null for raw Kafka). */
    record Figures(String name, Phase max, Phase half, double halfRate, int recordBytes, CpuShares maxStart,
                   CpuShares maxEnd, CpuShares halfStart, CpuShares halfEnd, int settledAfter,
                   int leadIn, Phase lastLeadIn, double serviceMeanMillis, String housekeeping) {
        double maxCpu() {
            return maxEnd.serviceMillisPerOperation(maxStart, max.records);
        }

        double halfCpu() {
            return halfEnd.serviceMillisPerOperation(halfStart, half.records);
        }
    }

    /**
     * A paced settling run (until the JIT has settled), a warm-up burst, the maximum-rate burst, then a paced run at half that maximum for
     * {@code seconds}. The settling run is there for the JIT: the per-poll code runs once per poll, so a burst of a
     * few dozen large polls leaves it interpreted or in C1 while C2 keeps compiling through the measured phases, and
     * those phases then measure the compiler, not the steady state a running service is in. Many small polls at a
     * moderate rate take it past the compile thresholds; the compiler threads' CPU in the measured phases is printed.
     * Likewise the first seconds at half rate are a transition from the burst (backlogs drain, the JIT recompiles for
     * smaller polls): they run, settled the same way, but are not measured. All phases of a side move stock of the
     * same SKUs (Catalogue).
     */
    private static Figures measure(PipelineRun run, Pipeline pipeline, int movements, int skuCount, int seconds,
                                   InventoryProcess service) throws Exception {
        String side = pipeline instanceof RawKafkaPipeline ? "RAW" : "INV";
        String topic = pipeline.inputTopic();
        Catalogue skus = new Catalogue(side + "-" + System.nanoTime(), skuCount);
        int settledAfter = settle(run, pipeline, side, topic, skus, service, Integer.getInteger("bench.settle-rate", 1000),
                Integer.getInteger("bench.settle-seconds", 10), Integer.getInteger("bench.settle-max-seconds", 120))
                .seconds();
        // Bursts, too, until the JIT has settled: a burst's polls are full (max.poll.records), take branches the
        // paced settling never took, and a single short warm-up left C2 compiling through the measured burst.
        JitSettling.Round warmBurst = () -> {
            Phase warm = new Phase(side + "-warm-" + System.nanoTime(), Math.max(1000, movements / 2), skus);
            run.burst(pipeline, warm, seq -> MovementRecords.receipt(topic, warm, seq, LOCATION));
        };
        if (service == null) {
            warmBurst.run();
        } else {
            JitSettling.until(service.process(), Integer.getInteger("bench.warm-max-seconds", 60), warmBurst);
        }
        Phase max = new Phase(side + "-max-" + System.nanoTime(), movements, skus);
        CpuShares maxStart = service == null ? null : service.cpuShares();
        run.burst(pipeline, max, seq -> MovementRecords.receipt(topic, max, seq, LOCATION));
        CpuShares maxEnd = service == null ? null : service.cpuShares();
        double halfRate = Math.max(1, max.throughput() / 2);
        // The same settling at the new rate: the burst's large polls and the smaller polls at half rate take other
        // branches, and C2 recompiles for them (deoptimised "unstable if"s) through the first seconds.
        // The service's freshness metric is scraped (/q/metrics) before the lead-in, not right before the measured
        // phase. Scraped there, the measured phase's first second was its worst in every run (116-184 ms against at
        // most ~90 ms for the others, and for the lead-in's seconds); scraped here, it is like the others.
        double[] freshStart = service == null ? null : service.availabilityFreshness();
        Settled leadIn = settle(run, pipeline, side, topic, skus, service, halfRate,
                Integer.getInteger("bench.lead-in-seconds", 5), Integer.getInteger("bench.lead-in-max-seconds", 60));
        Phase half = new Phase(side + "-half-" + System.nanoTime(), (int) Math.max(100, halfRate * seconds), skus);
        PostgresStatements statements = new PostgresStatements(EmbeddedServers.pgHost(), EmbeddedServers.pgPort(),
                EmbeddedServers.pgPassword(), "inventory");
        if (service != null) {
            statements.reset();
        }
        CpuShares halfStart = service == null ? null : service.cpuShares();
        java.time.Instant halfStarted = java.time.Instant.now();
        run.paced(pipeline, half, halfRate, seq -> MovementRecords.receipt(topic, half, seq, LOCATION));
        String housekeeping = service == null ? null : statements.backgroundWork(halfStarted, java.time.Instant.now());
        CpuShares halfEnd = service == null ? null : service.cpuShares();
        double[] freshEnd = service == null ? null : service.availabilityFreshness();
        if (service != null) {
            String top = statements.top(10, half.records);
            if (!top.isEmpty()) {
                System.out.println(top);
            }
        }
        double serviceMeanMillis = service == null || freshEnd[1] <= freshStart[1] ? Double.NaN
                : (freshEnd[0] - freshStart[0]) / (freshEnd[1] - freshStart[1]) * 1000;
        int bytes = MovementRecords.size(MovementRecords.receipt(topic, max, 0, LOCATION));
        return new Figures(pipeline.name(), max, half, halfRate, bytes, maxStart, maxEnd, halfStart, halfEnd,
                settledAfter, leadIn.seconds(), leadIn.last(), serviceMeanMillis, housekeeping);
    }

    /**
     * Paced movements at {@code rate} in slices of five seconds until the service's JIT has settled (at most
     * {@code maxSeconds}); raw Kafka, which has no service, gets {@code rawSeconds}.
     */
    private static Settled settle(PipelineRun run, Pipeline pipeline, String side, String topic, Catalogue skus,
                                  InventoryProcess service, double rate, int rawSeconds, int maxSeconds)
            throws Exception {
        int slice = 5;
        Phase[] last = new Phase[1];
        JitSettling.Round round = () -> {
            Phase settle = new Phase(side + "-settle-" + System.nanoTime(), (int) (rate * slice), skus);
            run.paced(pipeline, settle, rate, seq -> MovementRecords.receipt(topic, settle, seq, LOCATION));
            last[0] = settle;
        };
        if (service != null) {
            return new Settled((int) Math.round(JitSettling.until(service.process(), maxSeconds, round)), last[0]);
        }
        for (int elapsed = 0; elapsed < rawSeconds; elapsed += slice) {
            round.run();
        }
        return new Settled(rawSeconds, last[0]);
    }

    /** How long a settling run took, and its last five-second slice. */
    private record Settled(int seconds, Phase last) {
    }

    private static void print(Figures raw, Figures inv, int movements, int skus, double startup) {
        System.out.println();
        System.out.println("== inventory-service benchmark: scan to availability ==");
        System.out.printf(Locale.ROOT, "movements per max run %d over %d SKUs, one location; record ~%d B "
                + "(key+value+CloudEvent headers); 3 partitions; acks=all; service up in %.2f s; service options: %s%n",
                movements, skus, inv.recordBytes, startup, System.getProperty("bench.service-opts", "none"));
        for (Figures f : new Figures[] {raw, inv}) {
            System.out.printf(Locale.ROOT, "%-42s max %9.0f rec/s (%d/%d done) | at %7.0f rec/s: p50 %7.2f ms "
                            + "p99 %7.2f ms max %7.2f ms (%d/%d done)%s%n", f.name, f.max.throughput(),
                    f.max.completed(), f.max.records, f.halfRate, f.half.latencies.millis(0.50),
                    f.half.latencies.millis(0.99), f.half.latencies.millis(1.0), f.half.completed(), f.half.records,
                    f.max.unreadableSummary() + f.half.unreadableSummary());
        }
        for (Figures f : new Figures[] {raw, inv}) {
            System.out.printf(Locale.ROOT, "%-42s worst latency per second at half rate (ms): %s%n", f.name,
                    f.half.worstBySecond());
        }
        // The measured phase's first seconds have often been its worst; the lead-in's last slice, at the same rate and
        // right before it, shows whether any start of paced traffic after a pause does that too.
        for (Figures f : new Figures[] {raw, inv}) {
            System.out.printf(Locale.ROOT, "%-42s worst latency per second, last 5 s of lead-in (unmeasured): %s%n",
                    f.name, f.lastLeadIn == null ? "-" : f.lastLeadIn.worstBySecond());
        }
        // A second much worse than the others that lines up with one of these points at the database, not the service.
        System.out.println("PostgreSQL autovacuum/autoanalyze ending during the measured half-rate phase (seconds from "
                + "its start): " + inv.housekeeping);
        System.out.printf(Locale.ROOT, "at half rate (lead-in and measured phase), mean movement occurredAt -> availability event on Kafka "
                + "(the service's freshness metric, per event): %.1f ms%n", inv.serviceMeanMillis);
        // CPU per movement barely moves with the machine's load, unlike rates and latencies.
        System.out.printf(Locale.ROOT, "inventory-service CPU per movement: %.1f us at max rate, %.1f us at half rate "
                        + "(user+system of the service process over the phase, whatever else the machine ran)%n",
                inv.maxCpu() * 1000, inv.halfCpu() * 1000);
        System.out.printf(Locale.ROOT, "unmeasured settling runs, until the service's JIT compiler threads used < 0.1 "
                        + "core over 5 s: at %d/s raw Kafka %d s, inventory-service %d s; at half rate raw %d s, "
                        + "inventory-service %d s%n", Integer.getInteger("bench.settle-rate", 1000), raw.settledAfter,
                inv.settledAfter, raw.leadIn, inv.leadIn);
        System.out.println("CPU per movement by process at max rate: " + inv.maxEnd.perOperation(inv.maxStart, inv.max.records,
                "inventory-service"));
        System.out.println("CPU per movement by process at half rate: " + inv.halfEnd.perOperation(inv.halfStart,
                inv.half.records, "inventory-service"));
        System.out.printf(Locale.ROOT, "ratio inventory/raw: throughput %.3f (target >= 0.5), p99 %.1fx raw "
                        + "(inventory p99 target < 100 ms: %s)%n",
                inv.max.throughput() / raw.max.throughput(),
                inv.half.latencies.millis(0.99) / raw.half.latencies.millis(0.99),
                inv.half.latencies.millis(0.99) < 100 ? "met" : "NOT met");
    }



    private InventoryPipelineBenchmark() {
    }
}
