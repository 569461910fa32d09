package io.tradeflow.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.tradeflow.contracts.common.Money;
import io.tradeflow.contracts.customers.CreditStatus;
import io.tradeflow.contracts.customers.ErpCustomer;
import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.events.CloudEventTypes;
import io.tradeflow.contracts.events.KafkaCloudEvents;
import io.tradeflow.contracts.events.Topics;
import io.tradeflow.contracts.inventory.ReservationPolicy;
import io.tradeflow.contracts.json.Json;
import io.tradeflow.contracts.orders.CarrierMilestone;
import io.tradeflow.contracts.orders.InvoicePosted;
import io.tradeflow.contracts.orders.MilestoneStatus;
import io.tradeflow.contracts.orders.SalesOrderAccepted;
import io.tradeflow.contracts.orders.Shipment;
import io.tradeflow.orders.bench.OrderProcess;
import io.tradeflow.testinfra.EmbeddedServers;
import io.tradeflow.testinfra.TestTokens;

/**
 * Issue 5 point 10, last test: the packaged service (target/quarkus-app, built in {@code package}) is killed with
 * SIGKILL twice mid-saga - once while the order waits for the ERP's answer, once while it waits for the shipment -
 * and each time the answer is produced while it is down. Restarted against the same real broker and PostgreSQL,
 * the order must complete exactly once: one {@code orders.lifecycle} event per transition, one ERP create command,
 * a timeline without repeats. Pricing and inventory are stubbed at their HTTP boundary (JDK HttpServer); the test
 * plays the ERP, WMS and carrier over Kafka. A @QuarkusTest cannot restart its application, hence a process.
 */
class OrderSurvivesKillMidSagaWithPricingAndInventoryStubbedIT {
    private static final List<String> HAPPY_PATH = List.of("ACCEPTED", "VALIDATED", "PRICED", "ALLOCATED", "SUBMITTED",
            "CONFIRMED", "SHIPPED", "DELIVERED", "INVOICED", "COMPLETED");
    // The killed consumer's group membership must expire before the restarted one gets its partitions back;
    // Kafka's default 45 s session would only make the test slow, not different.
    private static final List<String> SERVICE_OPTIONS = List.of("-Dkafka.session.timeout.ms=6000",
            "-Dkafka.heartbeat.interval.ms=1000");

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static PricingAndInventoryStubs stubs;
    private static Map<String, String> env;
    private static Path jar;
    private static KafkaCompanion kafka;
    private static ConsumerTask<String, String> lifecycle;
    private static ConsumerTask<String, String> commands;

    @BeforeAll
    static void servers() throws Exception {
        jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        assertThat(jar).as("the packaged service (failsafe runs after package)").isRegularFile();
        // One log for the whole test (each restart appends to it), none left from an earlier run.
        Files.deleteIfExists(Path.of("target", "restart-it", "order-orchestrator.log"));
        String bootstrap = EmbeddedServers.kafkaBootstrapServers();
        EmbeddedServers.createDatabase("orders");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> wanted = List.of(Topics.ERP_CUSTOMERS, Topics.ERP_SALES_ORDER_COMMANDS,
                            Topics.ERP_SALES_ORDER_EVENTS, Topics.WMS_SHIPMENTS, Topics.CARRIER_MILESTONES,
                            Topics.ORDERS_LIFECYCLE, Topics.ORDERS_INBOUND).stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, Optional.of(3), Optional.empty())).toList();
            admin.createTopics(wanted).all().get();
        }
        kafka = EmbeddedServers.kafkaCompanion();
        // Read from the beginning for the whole test, across both kills, so every copy ever published is counted.
        lifecycle = kafka.consumeStrings().fromTopics(Topics.ORDERS_LIFECYCLE);
        commands = kafka.consumeStrings().fromTopics(Topics.ERP_SALES_ORDER_COMMANDS);
        stubs = new PricingAndInventoryStubs();
        Map<String, String> urls = stubs.start();
        env = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "DB_HOST", EmbeddedServers.pgHost(), "DB_PORT", Integer.toString(EmbeddedServers.pgPort()),
                "DB_NAME", "orders", "DB_USER", "postgres", "DB_PASSWORD", EmbeddedServers.pgPassword(),
                "PRICING_URL", urls.get("quarkus.rest-client.pricing.url"),
                "INVENTORY_URL", urls.get("quarkus.rest-client.inventory.url"),
                "TRADEFLOW_OTEL_DISABLED", "true"));
    }

    @AfterAll
    static void stop() {
        if (lifecycle != null) {
            lifecycle.stop();
        }
        if (commands != null) {
            commands.stop();
        }
        if (stubs != null) {
            stubs.stop();
        }
    }

    @Test
    void orderKilledWhileWaitingForErpAndForShipmentCompletesExactlyOnce() throws Exception {
        OrderProcess service = start();
        try {
            String customer = customer(service);
            String orderId = place(service, customer);

            // 1st kill: the sales order is with the ERP, the order waits for its answer.
            awaitState(service, orderId, "SUBMITTED");
            await().atMost(Duration.ofSeconds(30)).until(() -> recordsFor(commands, orderId).size() == 1);
            awaitOutboxDrained();
            service.kill();
            SalesOrderAccepted accepted = new SalesOrderAccepted(orderId, "SO-" + orderId, OffsetDateTime.now());
            CloudEvent acceptance = event(Topics.ERP_SALES_ORDER_EVENTS, orderId, CloudEventTypes.SALES_ORDER_ACCEPTED,
                    accepted);
            // The ERP connector's own at-least-once delivery: the same event twice while nobody listens.
            send(Topics.ERP_SALES_ORDER_EVENTS, orderId, acceptance);
            send(Topics.ERP_SALES_ORDER_EVENTS, orderId, acceptance);
            service = start();
            awaitState(service, orderId, "CONFIRMED");

            // 2nd kill: confirmed by the ERP, the order waits for the warehouse.
            awaitOutboxDrained();
            service.kill();
            send(Topics.WMS_SHIPMENTS, orderId, event(Topics.WMS_SHIPMENTS, orderId, CloudEventTypes.SHIPMENT_DISPATCHED,
                    new Shipment(orderId, "SH-" + orderId, "WH-1", "UPS", "1Z" + orderId,
                            List.of(new Shipment.Line(1, "SKU-A", new BigDecimal("3"), "EA")), OffsetDateTime.now())));
            service = start();
            awaitState(service, orderId, "SHIPPED");

            send(Topics.CARRIER_MILESTONES, orderId, event(Topics.CARRIER_MILESTONES, orderId,
                    CloudEventTypes.CARRIER_MILESTONE, new CarrierMilestone(orderId, "SH-" + orderId, "UPS",
                            "1Z" + orderId, MilestoneStatus.DELIVERED, null, OffsetDateTime.now())));
            awaitState(service, orderId, "DELIVERED");
            send(Topics.ERP_SALES_ORDER_EVENTS, orderId, event(Topics.ERP_SALES_ORDER_EVENTS, orderId,
                    CloudEventTypes.INVOICE_POSTED, new InvoicePosted(orderId, "SO-" + orderId, "INV-" + orderId,
                            LocalDate.now(), LocalDate.now().plusDays(30), Money.of("30.00", "USD"),
                            Money.of("0", "USD"), Money.of("30.00", "USD"), List.of(), OffsetDateTime.now())));
            JsonNode order = awaitState(service, orderId, "COMPLETED");
            awaitOutboxDrained();

            assertThat(order.path("erpOrderNumber").asText()).isEqualTo("SO-" + orderId);
            List<String> timeline = new ArrayList<>();
            for (JsonNode entry : order.path("timeline")) {
                if (!entry.path("state").asText().equals(entry.path("previousState").asText())) {
                    timeline.add(entry.path("state").asText());
                }
            }
            assertThat(timeline).as("timeline transitions of %s", orderId).containsExactlyElementsOf(HAPPY_PATH);

            // Let any late copy (a republish after restart) arrive before counting.
            Thread.sleep(2000);
            List<ConsumerRecord<String, String>> events = recordsFor(lifecycle, orderId);
            Map<String, Long> perState = events.stream().collect(Collectors.groupingBy(
                    r -> Json.read(r.value(), JsonNode.class).path("state").asText(), Collectors.counting()));
            assertThat(perState).as("orders.lifecycle events per state for %s", orderId)
                    .containsOnlyKeys(HAPPY_PATH).allSatisfy((state, count) -> assertThat(count).as(state).isEqualTo(1L));
            assertThat(events).extracting(r -> KafkaCloudEvents.get(r.headers(), KafkaCloudEvents.CE_TYPE))
                    .containsOnly(CloudEventTypes.ORDER_LIFECYCLE);
            assertThat(events.stream().map(r -> KafkaCloudEvents.get(r.headers(), KafkaCloudEvents.CE_ID))
                    .distinct().count()).isEqualTo(HAPPY_PATH.size());
            assertThat(events).extracting(r -> Json.read(r.value(), JsonNode.class).path("sequence").asLong())
                    .as("sequence numbers in topic order").isSorted().doesNotHaveDuplicates();

            List<ConsumerRecord<String, String>> erp = recordsFor(commands, orderId);
            assertThat(erp).as("ERP commands for %s: one create, no cancel", orderId).hasSize(1)
                    .allSatisfy(r -> assertThat(KafkaCloudEvents.get(r.headers(), KafkaCloudEvents.CE_TYPE))
                            .isEqualTo(CloudEventTypes.CREATE_SALES_ORDER));
            assertThat(PricingAndInventoryStubs.CALLS.stream().filter(c -> c.equals("POST /api/v1/reservations")))
                    .as("one reservation").hasSize(1);
            assertThat(PricingAndInventoryStubs.CALLS.stream().filter(c -> c.startsWith("DELETE")))
                    .as("nothing released").isEmpty();
            assertThat(PricingAndInventoryStubs.CALLS).contains("POST /api/v1/reservations/" + orderId + "/commit");
        } finally {
            service.close();
        }
    }

    private static OrderProcess start() throws Exception {
        Path workDir = Path.of("target", "restart-it");
        Files.createDirectories(workDir);
        return OrderProcess.start(jar, workDir.toAbsolutePath(), env, SERVICE_OPTIONS);
    }

    private static String customer(OrderProcess service) throws Exception {
        String id = "C-RESTART-" + UUID.randomUUID();
        send(Topics.ERP_CUSTOMERS, id, event(Topics.ERP_CUSTOMERS, id, CloudEventTypes.ERP_CUSTOMER,
                new ErpCustomer(id, "Customer " + id, Money.of("100000", "USD"), Money.of("0", "USD"), CreditStatus.OK,
                        ReservationPolicy.ALL_OR_NOTHING, null, 1, OffsetDateTime.now())));
        String token = TestTokens.forRole("crm");
        await().atMost(Duration.ofSeconds(60)).until(() -> HTTP.send(HttpRequest.newBuilder(
                        URI.create(service.baseUrl + "/api/v1/customers/" + id + "/summary"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode() == 200);
        return id;
    }

    private static String place(OrderProcess service, String customer) throws Exception {
        String body = "{\"customerId\":\"" + customer + "\",\"channel\":\"storefront\",\"customerPoNumber\":\"PO-R1\","
                + "\"requestedDate\":\"" + LocalDate.now().plusDays(3) + "\",\"lines\":[{\"sku\":\"SKU-A\","
                + "\"quantity\":3}],\"shipTo\":{\"name\":\"Jane\",\"line1\":\"1 Main St\",\"city\":\"Springfield\","
                + "\"region\":\"IL\",\"postalCode\":\"62701\",\"country\":\"US\"}}";
        HttpResponse<String> placed = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl + "/api/v1/orders"))
                .header("Authorization", "Bearer " + TestTokens.forRole("storefront"))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
        return Json.read(placed.body(), JsonNode.class).path("orderId").asText();
    }

    private static JsonNode awaitState(OrderProcess service, String orderId, String state) {
        String token = TestTokens.forRole("operations");
        Function<String, JsonNode> read = id -> {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(service.baseUrl
                                + "/api/v1/orders/" + id)).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200 ? Json.read(r.body(), JsonNode.class) : null;
            } catch (Exception e) {
                return null;
            }
        };
        return await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> read.apply(orderId), o -> o != null && state.equals(o.path("state").asText()));
    }

    /**
     * The relay is at-least-once: a kill between its send and its mark republishes the same event (same CloudEvent
     * id, which consumers deduplicate). Killing once the outbox is drained makes "one copy per transition on the
     * topic" a deterministic assertion; the id check above covers the other case.
     */
    private static void awaitOutboxDrained() {
        String url = "jdbc:postgresql://" + EmbeddedServers.pgHost() + ":" + EmbeddedServers.pgPort() + "/orders";
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            try (Connection c = DriverManager.getConnection(url, "postgres", EmbeddedServers.pgPassword());
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) from outbox_event where published_at is null")) {
                rs.next();
                return rs.getLong(1) == 0;
            }
        });
    }

    private static List<ConsumerRecord<String, String>> recordsFor(ConsumerTask<String, String> task, String key) {
        return task.getRecords().stream().filter(r -> key.equals(r.key())).toList();
    }

    private static CloudEvent event(String topic, String key, String type, Object payload) {
        return CloudEvent.of("/test/" + topic, type, key, "corr-restart-" + key, Json.write(payload));
    }

    private static void send(String topic, String key, CloudEvent event) {
        kafka.produceStrings().fromRecords(new ProducerRecord<>(topic, null, key, event.data(),
                KafkaCloudEvents.headers(event))).awaitCompletion(Duration.ofSeconds(10));
    }
}
