package io.tradeflow.orders.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;

import io.tradeflow.contracts.common.Money;
import io.tradeflow.testinfra.bench.BenchHost;
import io.tradeflow.testinfra.bench.CpuShares;
import io.tradeflow.testinfra.bench.PostgresStatements;
import io.tradeflow.testinfra.bench.TimerSums;
import io.tradeflow.testinfra.bench.BenchTopics;
import io.tradeflow.testinfra.bench.JitSettling;
import io.tradeflow.contracts.customers.CreditStatus;
import io.tradeflow.contracts.customers.ErpCustomer;
import io.tradeflow.contracts.events.CloudEventTypes;
import io.tradeflow.contracts.events.Topics;
import io.tradeflow.contracts.inventory.ReservationPolicy;
import io.tradeflow.orders.PricingAndInventoryStubs;
import io.tradeflow.testinfra.EmbeddedServers;
import io.tradeflow.testinfra.TestTokens;

/**
 * Issue 5 point 11: orders completed per second and p99 of intake (POST /api/v1/orders) under closed-loop load,
 * through the packaged order-orchestrator against the real broker and PostgreSQL, with pricing/inventory served
 * by the test's HTTP stub and the ERP/WMS/carrier played by a fast Kafka responder; beside the raw PostgreSQL
 * write baseline (single-row INSERT transactions/s, Vert.x reactive PG client, same embedded PostgreSQL) in the
 * same run. Prints both and the ratio (target >= 0.15). A program, not a test: speed is reported, never asserted.
 *
 * <pre>
 * ./mvnw -B -q install -DskipTests -Dexec.skip=true -Dasyncapi.skip=true -pl order-orchestrator -am
 * ./mvnw -B -q -pl order-orchestrator test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.tradeflow.orders.bench.OrderPipelineBenchmark \
 *     -Dbench.orders=400 -Dbench.concurrency=16 -Dbench.customers=20 -Dbench.raw-seconds=5
 * </pre>
 * {@code bench.jar} overrides the service jar; {@code bench.service-opts} adds JVM options to the service;
 * {@code bench.settle-max-seconds} bounds the warm-up rounds that wait for the JIT to settle (0: one round only).
 */
public final class OrderPipelineBenchmark {

    public static void main(String[] args) throws Exception {
        int orders = Integer.getInteger("bench.orders", 400);
        int warmup = Integer.getInteger("bench.warmup", Math.max(50, orders / 6));
        int concurrency = Integer.getInteger("bench.concurrency", 16);
        int customerCount = Integer.getInteger("bench.customers", 20);
        double rawSeconds = Double.parseDouble(System.getProperty("bench.raw-seconds", "5"));
        Path jar = BenchHost.serviceJar("order-orchestrator");
        String kafkaBootstrap = EmbeddedServers.kafkaBootstrapServers();
        EmbeddedServers.createDatabase("orders");
        EmbeddedServers.createDatabase("orders_raw");
        BenchTopics.ensure(kafkaBootstrap, 3, Topics.ERP_CUSTOMERS, Topics.ERP_SALES_ORDER_COMMANDS,
                Topics.ERP_SALES_ORDER_EVENTS, Topics.WMS_SHIPMENTS, Topics.CARRIER_MILESTONES,
                Topics.ORDERS_LIFECYCLE, Topics.ORDERS_INBOUND);
        PricingAndInventoryStubs stubs = new PricingAndInventoryStubs();
        Map<String, String> stubUrls = stubs.start();
        Map<String, String> env = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap,
                "DB_HOST", EmbeddedServers.pgHost(), "DB_PORT", Integer.toString(EmbeddedServers.pgPort()),
                "DB_NAME", "orders", "DB_USER", "postgres", "DB_PASSWORD", EmbeddedServers.pgPassword(),
                "PRICING_URL", stubUrls.get("quarkus.rest-client.pricing.url"),
                "INVENTORY_URL", stubUrls.get("quarkus.rest-client.inventory.url"),
                // No trace collector runs here; exporting would only add failed connection attempts.
                "TRADEFLOW_OTEL_DISABLED", "true"));
        // The service log is appended to (the restart test continues one log across kills): start each run afresh.
        Files.deleteIfExists(jar.getParent().getParent().resolve("bench").resolve("order-orchestrator.log"));
        String loadAtStart = BenchHost.loadAverage();
        int status = 0;
        try (OrderProcess service = OrderProcess.start(jar, jar.getParent().getParent().resolve("bench"), env);
             ErpWmsResponder responder = new ErpWmsResponder(kafkaBootstrap);
             KafkaProducer<String, String> producer = ErpWmsResponder.producer(kafkaBootstrap)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<String> customers = publishCustomers(producer, http, service.baseUrl, customerCount);
            String token = TestTokens.forRole("storefront");

            Run warm = load(http, service.baseUrl, token, customers, responder, warmup, concurrency);
            // More warm-up rounds until the service's JIT has settled (see JitSettling): a few hundred orders after
            // start the compiler threads used 40% of the service's CPU, so the figures measured C2, not the saga.
            int settleMax = Integer.getInteger("bench.settle-max-seconds", 120);
            double settled = settleMax <= 0 ? 0 : JitSettling.until(service.process(), settleMax,
                    () -> load(http, service.baseUrl, token, customers, responder, warmup, concurrency));
            // The rates depend on what else the machine runs; the service's CPU per order much less so.
            Duration cpuBefore = service.cpu();
            Map<String, Long> ticksBefore = service.ticksByThreadKind();
            CpuShares sharesBefore = CpuShares.now(service.process());
            // -Dtradeflow.pg.statements=true: which statements PostgreSQL's share per order goes to.
            PostgresStatements statements = new PostgresStatements(EmbeddedServers.pgHost(), EmbeddedServers.pgPort(),
                    EmbeddedServers.pgPassword(), "orders");
            statements.reset();
            Run run = load(http, service.baseUrl, token, customers, responder, orders, concurrency);
            double cpuPerOrder = (service.cpu().minus(cpuBefore).toNanos() / 1e6) / Math.max(1, run.completed);
            String cpuSplit = split(ticksBefore, service.ticksByThreadKind(), cpuPerOrder);
            // PostgreSQL runs on the same cores, so what the saga's transactions cost it is the saga's cost too.
            String byProcess = CpuShares.now(service.process()).perOperation(sharesBefore, Math.max(1, run.completed),
                    "order-orchestrator");
            String byStatement = statements.top(15, Math.max(1, run.completed));

            RawPgInsertBaseline.Result raw = RawPgInsertBaseline.run(EmbeddedServers.pgHost(),
                    EmbeddedServers.pgPort(), "orders_raw", EmbeddedServers.pgPassword(), concurrency, 1.0, rawSeconds);

            System.out.println();
            System.out.println("== order-orchestrator benchmark: intake to COMPLETED (issue 5 point 11) ==");
            System.out.printf(Locale.ROOT, "orders %d (+%d warm-up, %d/%d completed, then rounds of it until the JIT "
                            + "settled: %.0f s) over %d customers, %d clients in closed loop; service up in %.2f s; "
                            + "service options: %s%n", orders, warmup, warm.completed, warm.orders, settled,
                    customerCount, concurrency, service.startupSeconds, System.getProperty("bench.service-opts", "none"));
            System.out.printf(Locale.ROOT, "%-44s %9.1f orders/s completed (%d/%d in %.2f s; %d rejected/failed, "
                            + "%d intake errors)%n", "order-orchestrator (ACCEPTED -> COMPLETED)", run.completedPerSecond(),
                    run.completed, run.orders, run.seconds, run.failed, run.intakeErrors);
            System.out.printf(Locale.ROOT, "%-44s p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms (%d requests, %.1f req/s)%n",
                    "intake POST /api/v1/orders", ms(run.intake, 50), ms(run.intake, 99), run.intake.getMaxValue() / 1e6,
                    run.intake.getTotalCount(), run.intake.getTotalCount() / run.intakeSeconds);
            System.out.printf(Locale.ROOT, "%-44s p50 %7.2f ms  p99 %7.2f ms (intake to COMPLETED)%n",
                    "order-to-cash end to end", ms(run.endToEnd, 50), ms(run.endToEnd, 99));
            System.out.printf(Locale.ROOT, "%-44s %9.2f ms CPU per completed order (pid %d, all threads)%n",
                    "order-orchestrator service process", cpuPerOrder, service.pid());
            if (!cpuSplit.isEmpty()) {
                System.out.printf(Locale.ROOT, "%-44s %s%n", "  of which, by thread kind", cpuSplit);
            }
            System.out.printf(Locale.ROOT, "%-44s %s%n", "CPU per completed order by process", byProcess);
            if (!byStatement.isEmpty()) {
                System.out.println(byStatement);
            }
            System.out.printf(Locale.ROOT, "%-44s %9.1f tx/s (%d tx in %.2f s, %d in flight, %d errors)%n",
                    "raw PG single-row INSERT (Vert.x PG client)", raw.perSecond(), raw.transactions(), raw.seconds(),
                    concurrency, raw.errors());
            double ratio = run.completedPerSecond() / raw.perSecond();
            System.out.printf(Locale.ROOT, "ratio completed orders/s / raw INSERT tx/s: %.3f (target >= 0.15: %s)%n",
                    ratio, ratio >= 0.15 ? "met" : "NOT met");
            System.out.println("load average (1/5/15 min) at start " + loadAtStart + ", at end " + BenchHost.loadAverage()
                    + " on " + Runtime.getRuntime().availableProcessors() + " cores; service log " + service.log);
            printStageLatencies(http, service.baseUrl);
            status = run.completed == run.orders ? 0 : 1;
        } catch (Exception e) {
            e.printStackTrace();
            status = 2;
        } finally {
            stubs.stop();
        }
        // Exiting runs EmbeddedServers' shutdown hooks (broker and PostgreSQL stop) even under exec:java.
        System.exit(status);
    }

    static final class Run {
        int orders;
        int completed;
        int failed;
        int intakeErrors;
        double seconds;
        double intakeSeconds;
        final Histogram intake = new ConcurrentHistogram(3);
        final Histogram endToEnd = new ConcurrentHistogram(3);

        double completedPerSecond() {
            return completed / seconds;
        }
    }

    /** Places {@code count} orders from {@code concurrency} clients, then waits until all reach an end state. */
    private static Run load(HttpClient http, String baseUrl, String token, List<String> customers,
                            ErpWmsResponder responder, int count, int concurrency) throws Exception {
        Run run = new Run();
        run.orders = count;
        Map<String, Long> placedAt = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        String requested = LocalDate.now().plusDays(3).toString();
        long start = System.nanoTime();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            Thread t = new Thread(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    String customer = customers.get(i % customers.size());
                    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/orders"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + token)
                            .header("Idempotency-Key", UUID.randomUUID().toString())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(order(customer, "SKU-" + (i % 50), requested)))
                            .build();
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        long took = System.nanoTime() - sent;
                        if (response.statusCode() == 202) {
                            run.intake.recordValue(took);
                            placedAt.put(orderId(response.body()), sent);
                        } else {
                            if (errors.incrementAndGet() <= 3) {
                                System.err.println("intake answered " + response.statusCode() + ": " + response.body());
                            }
                        }
                    } catch (Exception e) {
                        if (errors.incrementAndGet() <= 3) {
                            e.printStackTrace();
                        }
                    }
                }
            });
            t.start();
            clients.add(t);
        }
        for (Thread t : clients) {
            t.join();
        }
        run.intakeSeconds = (System.nanoTime() - start) / 1e9;
        run.intakeErrors = errors.get();
        Set<String> ids = placedAt.keySet();
        long deadline = System.nanoTime() + Duration.ofSeconds(Long.getLong("bench.drain-seconds", 60)).toNanos();
        // Only the orders still open are looked at again: counting every order every 20 ms cost this thread as
        // much CPU as the broker, on the cores the orchestrator is measured on.
        Set<String> open = new java.util.HashSet<>(ids);
        while (System.nanoTime() < deadline) {
            open.removeIf(id -> responder.completedAt.containsKey(id) || responder.failed.contains(id));
            if (open.isEmpty()) {
                break;
            }
            Thread.sleep(20);
        }
        long last = start;
        for (String id : ids) {
            Long done = responder.completedAt.get(id);
            if (done != null) {
                run.completed++;
                last = Math.max(last, done);
                run.endToEnd.recordValue(Math.max(0, done - placedAt.get(id)));
            } else if (responder.failed.contains(id)) {
                run.failed++;
            }
        }
        run.seconds = (last - start) / 1e9;
        return run;
    }

    private static String orderId(String body) throws Exception {
        return io.tradeflow.contracts.json.Json.mapper().readTree(body).path("orderId").asText();
    }

    private static String order(String customer, String sku, String requestedDate) {
        return "{\"customerId\":\"" + customer + "\",\"channel\":\"storefront\",\"customerPoNumber\":\"PO-1\","
                + "\"requestedDate\":\"" + requestedDate + "\",\"lines\":[{\"sku\":\"" + sku
                + "\",\"quantity\":3}],\"shipTo\":{\"name\":\"Jane\",\"line1\":\"1 Main St\","
                + "\"city\":\"Springfield\",\"region\":\"IL\",\"postalCode\":\"62701\",\"country\":\"US\"}}";
    }

    /** The ERP customer master first: orders for unknown customers would be rejected. */
    private static List<String> publishCustomers(KafkaProducer<String, String> producer, HttpClient http,
                                                 String baseUrl, int count) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "C-BENCH-" + i + "-" + UUID.randomUUID();
            ids.add(id);
            ErpWmsResponder.send(producer, Topics.ERP_CUSTOMERS, id, CloudEventTypes.ERP_CUSTOMER,
                    new ErpCustomer(id, "Customer " + id, Money.of("1000000000", "USD"), Money.of("0", "USD"),
                            CreditStatus.OK, ReservationPolicy.ALL_OR_NOTHING, null, 1, OffsetDateTime.now()));
        }
        producer.flush();
        String crm = TestTokens.forRole("crm");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (String id : ids) {
            while (true) {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/customers/" + id
                        + "/summary")).header("Authorization", "Bearer " + crm).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("customer " + id + " not known to the service after 60 s");
                }
                Thread.sleep(50);
            }
        }
        return ids;
    }

    /** Where an order spends its time: the service's own mean time from acceptance to each stage (warm-up included). */
    private static void printStageLatencies(HttpClient http, String baseUrl) {
        try {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Map<String, double[]> stages = TimerSums.byLabel(metrics, "tradeflow_orders_stage_latency", "stage");
            StringBuilder line = new StringBuilder("mean time from acceptance to stage (service metrics):");
            for (String stage : List.of("VALIDATED", "PRICED", "ALLOCATED", "SUBMITTED", "CONFIRMED", "SHIPPED",
                    "DELIVERED", "INVOICED", "COMPLETED")) {
                double[] sc = stages.get(stage);
                if (sc != null && sc[1] > 0) {
                    line.append(String.format(Locale.ROOT, " %s %.0f ms", stage, sc[0] / sc[1] * 1000));
                }
            }
            System.out.println(line);
            // How long events sat in the outbox before the relay had them on Kafka: the relay's share of each hop.
            StringBuilder relay = new StringBuilder("mean outbox wait (occurredAt -> on Kafka) per event type:");
            Map<String, double[]> types = new java.util.TreeMap<>(
                    TimerSums.byLabel(metrics, "tradeflow_event_freshness", "type"));
            types.forEach((type, sc) -> {
                if (sc[1] > 0) {
                    relay.append(String.format(Locale.ROOT, " %s %.0f ms", type.replace("tradeflow.", ""),
                            sc[0] / sc[1] * 1000));
                }
            });
            System.out.println(relay);
        } catch (Exception e) {
            System.out.println("stage latencies unavailable: " + e);
        }
    }

    /** The CPU per order split by thread kind (JIT compiler, GC, work) in proportion to their ticks. */
    private static String split(Map<String, Long> before, Map<String, Long> after, double cpuPerOrder) {
        Map<String, Long> used = new java.util.TreeMap<>();
        after.forEach((kind, ticks) -> used.put(kind, Math.max(0, ticks - before.getOrDefault(kind, 0L))));
        long total = used.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return "";
        }
        StringBuilder line = new StringBuilder();
        used.forEach((kind, ticks) -> line.append(String.format(Locale.ROOT, "%s %.2f ms  ", kind,
                cpuPerOrder * ticks / total)));
        return line.append("(per completed order)").toString();
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1e6;
    }



    private OrderPipelineBenchmark() {
    }
}
