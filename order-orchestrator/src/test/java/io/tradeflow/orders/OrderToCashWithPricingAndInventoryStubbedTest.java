package io.tradeflow.orders;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.tradeflow.contracts.common.Address;
import io.tradeflow.contracts.common.Money;
import io.tradeflow.contracts.customers.CreditStatus;
import io.tradeflow.contracts.customers.ErpCustomer;
import io.tradeflow.contracts.customers.OpportunityWon;
import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.events.CloudEventTypes;
import io.tradeflow.contracts.events.KafkaCloudEvents;
import io.tradeflow.contracts.events.Topics;
import io.tradeflow.contracts.inventory.ReservationPolicy;
import io.tradeflow.contracts.json.Json;
import io.tradeflow.contracts.orders.CanonicalOrder;
import io.tradeflow.contracts.orders.CarrierMilestone;
import io.tradeflow.contracts.orders.CreateCreditMemoCommand;
import io.tradeflow.contracts.orders.CreditMemoPosted;
import io.tradeflow.contracts.orders.InvoicePosted;
import io.tradeflow.contracts.orders.MilestoneStatus;
import io.tradeflow.contracts.orders.OrderLine;
import io.tradeflow.contracts.orders.SalesOrderAccepted;
import io.tradeflow.contracts.orders.SalesOrderRejected;
import io.tradeflow.contracts.orders.ReturnReceived;
import io.tradeflow.contracts.orders.Shipment;
import io.tradeflow.contracts.partners.PartnerRef;
import io.tradeflow.testinfra.EmbeddedServers;
import io.tradeflow.testinfra.PassingDatabaseFailures;
import io.tradeflow.testinfra.TestTokens;
import io.tradeflow.testinfra.TradeflowTestResource;

/**
 * Order to cash against the real broker and database. Pricing and inventory are stubbed at their HTTP
 * boundary; the test plays the ERP, the WMS and the carrier over Kafka.
 */
@QuarkusTest
@QuarkusTestResource(value = TradeflowTestResource.class, initArgs = @ResourceArg(name = "db", value = "orders"))
@QuarkusTestResource(PricingAndInventoryStubs.class)
class OrderToCashWithPricingAndInventoryStubbedTest {
    final KafkaCompanion kafka = EmbeddedServers.kafkaCompanion();
    @jakarta.inject.Inject
    io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter spans;

    @Test
    void storefrontOrderRunsToCompletedWithItsTimelineAndOneLifecycleEventPerTransition() {
        String customer = customer(CreditStatus.OK, "100000");
        var commands = kafka.consumeStrings().fromTopics(Topics.ERP_SALES_ORDER_COMMANDS);
        var lifecycle = kafka.consumeStrings().fromTopics(Topics.ORDERS_LIFECYCLE);
        String correlation = "corr-" + UUID.randomUUID();
        String orderId = given().auth().oauth2(TestTokens.forRole("storefront"))
                .header("Idempotency-Key", UUID.randomUUID().toString()).header("X-Correlation-Id", correlation)
                .contentType(ContentType.JSON).body(order(customer, "SKU-A", 3))
                .when().post("/api/v1/orders")
                .then().statusCode(202).body("state", equalTo("ACCEPTED")).extract().path("orderId");

        ConsumerRecord<String, String> create = awaitRecord(commands, orderId, CloudEventTypes.CREATE_SALES_ORDER);
        CloudEvent command = KafkaCloudEvents.read(create.headers(), create.value());
        assertThat(command.correlationId()).isEqualTo(correlation);
        assertThat(command.data()).contains("\"sku\":\"SKU-A\"").contains("\"unitPrice\":{\"amount\":10");
        assertThat(PricingAndInventoryStubs.AUTHORIZATIONS).allMatch(a -> a.startsWith("Bearer ey"));

        produce(Topics.ERP_SALES_ORDER_EVENTS, orderId, CloudEventTypes.SALES_ORDER_ACCEPTED,
                new SalesOrderAccepted(orderId, "SO-" + orderId.substring(0, 8), OffsetDateTime.now()));
        awaitState(orderId, "CONFIRMED");
        produce(Topics.WMS_SHIPMENTS, orderId, CloudEventTypes.SHIPMENT_DISPATCHED, new Shipment(orderId, "SH-1",
                "WH-1", "UPS", "1Z999", List.of(new Shipment.Line(1, "SKU-A", new BigDecimal("3"), "EA")),
                OffsetDateTime.now()));
        awaitState(orderId, "SHIPPED");
        produce(Topics.CARRIER_MILESTONES, orderId, CloudEventTypes.CARRIER_MILESTONE, new CarrierMilestone(orderId,
                "SH-1", "UPS", "1Z999", MilestoneStatus.DELIVERED, null, OffsetDateTime.now()));
        awaitState(orderId, "DELIVERED");
        produce(Topics.ERP_SALES_ORDER_EVENTS, orderId, CloudEventTypes.INVOICE_POSTED, new InvoicePosted(orderId,
                "SO-1", "INV-1", LocalDate.now(), LocalDate.now().plusDays(30), Money.of("30.00", "USD"),
                Money.of("0", "USD"), Money.of("30.00", "USD"), List.of(), OffsetDateTime.now()));
        JsonPath done = awaitState(orderId, "COMPLETED");

        assertThat(done.getList("timeline.state")).containsSubsequence("ACCEPTED", "VALIDATED", "PRICED",
                "ALLOCATED", "SUBMITTED", "CONFIRMED", "SHIPPED", "DELIVERED", "INVOICED", "COMPLETED");
        assertThat(done.getString("lines[0].priceRule")).isEqualTo("CONTRACT");
        assertThat(done.getString("lines[0].priceSource")).isEqualTo("ERP-CONTRACT-7@v3");
        assertThat(done.getString("lines[0].reserved")).isEqualTo("3");
        assertThat(done.getString("shipment.trackingNumber")).isEqualTo("1Z999");
        assertThat(done.getString("invoice.invoiceNumber")).isEqualTo("INV-1");
        assertThat(PricingAndInventoryStubs.CALLS).contains("POST /api/v1/reservations/" + orderId + "/commit");
        // Shipped and delivered ahead of the requested date (in three days): both count as on time.
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("tradeflow_orders_milestones_total{milestone=\"shipped\",on_time=\"true\"}")
                .contains("tradeflow_orders_milestones_total{milestone=\"delivered\",on_time=\"true\"}");
        // Invoice completion is sampled from the database every 10 s.
        await().atMost(Duration.ofSeconds(15)).until(() -> given().when().get("/q/metrics").then().extract().asString(),
                m -> m.contains("tradeflow_orders_invoices_awaited") && m.contains("tradeflow_orders_invoices_overdue"));

        List<ConsumerRecord<String, String>> events = await().atMost(Duration.ofSeconds(15)).until(
                () -> lifecycle.getRecords().stream().filter(r -> orderId.equals(r.key())).toList(),
                list -> list.size() >= 10);
        lifecycle.stop();
        assertThat(events).hasSize(10);
        // The ERP, WMS and carrier events (played by the test) carried correlation ids of their own: the order's
        // events still all carry the one it came in with.
        assertThat(events).extracting(r -> KafkaCloudEvents.read(r.headers(), r.value()).correlationId())
                .containsOnly(correlation);
        assertThat(events.get(9).value()).contains("\"state\":\"COMPLETED\"").contains("\"sequence\":10")
                .contains("\"erpOrderNumber\"").contains("\"invoiceNumber\":\"INV-1\"");
    }

    @Test
    void theSameIdempotencyKeyReturnsTheSameOrderAndADifferentBodyIsAConflict() {
        String customer = customer(CreditStatus.OK, "100000");
        String key = UUID.randomUUID().toString();
        String first = place(customer, key, order(customer, "SKU-B", 1)).then().statusCode(202).extract().path("orderId");
        String again = place(customer, key, order(customer, "SKU-B", 1)).then().statusCode(202).extract().path("orderId");
        assertThat(again).isEqualTo(first);
        place(customer, key, order(customer, "SKU-B", 2)).then().statusCode(409)
                .contentType("application/problem+json").body("type", containsString("idempotency-key-reused"));
    }

    @Test
    void aStorefrontTokenCannotOrderOnTheSalesDesksOrThePartnersChannel() {
        String customer = customer(CreditStatus.OK, "100000");
        for (String channel : List.of("partner", "marketplace", "crm")) {
            place(customer, UUID.randomUUID().toString(), order(customer, "SKU-CH", 1)
                    .replace("\"channel\":\"storefront\"", "\"channel\":\"" + channel + "\"")).then().statusCode(403)
                    .contentType("application/problem+json").body("errors.field", hasItem("channel"));
        }
        given().auth().oauth2(TestTokens.forRole("crm")).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(order(customer, "SKU-CH", 1)
                        .replace("\"channel\":\"storefront\"", "\"channel\":\"crm\""))
                .when().post("/api/v1/orders").then().statusCode(202);
    }

    @Test
    void aCustomerOnCreditHoldIsRejectedWithTheReason() {
        String customer = customer(CreditStatus.HOLD, "100000");
        String orderId = placed(customer, "SKU-C", 1);
        JsonPath order = awaitState(orderId, "REJECTED");
        assertThat(order.getString("timeline[-1].cause")).isEqualTo("customer on credit hold");
    }

    @Test
    void ordersOfOneCustomerPricedTogetherNeverExceedItsCreditLimitBetweenThem() throws Exception {
        // A limit of 100 fits one order of 60 (6 x 10.00), never two, however many arrive at once.
        String customer = customer(CreditStatus.OK, "100");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<String>> placing = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            placing.add(pool.submit(() -> placed(customer, "SKU-CL", 6)));
        }
        List<String> orderIds = new java.util.ArrayList<>();
        for (var f : placing) {
            orderIds.add(f.get(30, java.util.concurrent.TimeUnit.SECONDS));
        }
        pool.shutdown();
        List<String> states = await().atMost(Duration.ofSeconds(30)).until(() -> orderIds.stream()
                .map(id -> given().auth().oauth2(TestTokens.forRole("operations")).when().get("/api/v1/orders/" + id)
                        .then().extract().jsonPath().getString("state")).toList(),
                list -> list.stream().allMatch(st -> "SUBMITTED".equals(st) || "REJECTED".equals(st)));
        assertThat(states).filteredOn("SUBMITTED"::equals).hasSize(1);
        assertThat(states).filteredOn("REJECTED"::equals).hasSize(7);
    }

    @Test
    void anOrderWhoseTotalNoLedgerCanHoldIsRejectedWithTheReasonAndAnAbsurdQuantityIsA400() {
        String customer = customer(CreditStatus.OK, "100000");
        // Each line (6 x 10^14 at the stub's 10.00) fits the columns; their sum does not.
        String body = twoLineOrder(customer, "SKU-BIG-A", 7, "SKU-BIG-B", 7)
                .replace("\"quantity\":7", "\"quantity\":60000000000000");
        String orderId = place(customer, UUID.randomUUID().toString(), body).then().statusCode(202)
                .extract().path("orderId");
        JsonPath order = awaitState(orderId, "REJECTED");
        assertThat(order.getString("timeline[-1].cause")).contains("beyond what an order can carry");

        place(customer, UUID.randomUUID().toString(), order(customer, "SKU-BIG-C", 7)
                .replace("\"quantity\":7", "\"quantity\":1e400")).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("lines[0].quantity"));
    }

    @Test
    void listFiltersThatAreNotWhatTheySayAre400sNamingTheParameter() {
        String ops = TestTokens.forRole("operations");
        Map<String, String> refused = Map.of("/api/v1/orders?page=abc", "page", "/api/v1/orders?stuck=maybe", "stuck",
                "/api/v1/orders?page=2147483647", "page", "/api/v1/dead-letters?page=2147483647", "page",
                "/api/v1/dead-letters?includeReplayed=yes", "includeReplayed", "/api/v1/exceptions?limit=ten", "limit",
                "/api/v1/orders/A%00B", "path", "/api/v1/orders?customerId=C%00", "customerId");
        refused.forEach((url, field) -> given().auth().oauth2(ops).urlEncodingEnabled(false).when().get(url).then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(field)));
        given().auth().oauth2(ops).when().get("/api/v1/orders?stuck=TRUE&page=0&size=5").then().statusCode(200);
    }

    @Test
    void anOrderWithoutStockIsRejectedAsInsufficientStock() {
        String customer = customer(CreditStatus.OK, "100000");
        String orderId = placed(customer, "NOSTOCK-1", 5);
        JsonPath order = awaitState(orderId, "REJECTED");
        assertThat(order.getString("timeline[-1].cause")).startsWith("insufficient stock");
    }

    @Test
    void anErpRejectionReleasesTheReservationAndFailsTheOrder() {
        String customer = customer(CreditStatus.OK, "100000");
        var commands = kafka.consumeStrings().fromTopics(Topics.ERP_SALES_ORDER_COMMANDS);
        String orderId = placed(customer, "SKU-D", 2);
        awaitRecord(commands, orderId, CloudEventTypes.CREATE_SALES_ORDER);
        produce(Topics.ERP_SALES_ORDER_EVENTS, orderId, CloudEventTypes.SALES_ORDER_REJECTED,
                new SalesOrderRejected(orderId, "E42", "customer blocked in ERP", OffsetDateTime.now()));
        JsonPath order = awaitState(orderId, "FAILED");
        assertThat(order.getList("timeline.cause")).anyMatch(c -> c.toString().contains("customer blocked in ERP"));
        assertThat(PricingAndInventoryStubs.CALLS).contains("DELETE /api/v1/reservations/" + orderId);
    }

    @Test
    void cancelAfterErpAcceptanceCancelsInTheErpAndReleasesStockAndCancelAfterShipmentIsRefused() {
        String customer = customer(CreditStatus.OK, "100000");
        var commands = kafka.consumeStrings().fromTopics(Topics.ERP_SALES_ORDER_COMMANDS);
        String orderId = placed(customer, "SKU-E", 1);
        ConsumerRecord<String, String> create = awaitRecord(commands, orderId, CloudEventTypes.CREATE_SALES_ORDER);
        commands = kafka.consumeStrings().fromTopics(Topics.ERP_SALES_ORDER_COMMANDS);
        produce(Topics.ERP_SALES_ORDER_EVENTS, orderId, CloudEventTypes.SALES_ORDER_ACCEPTED,
                new SalesOrderAccepted(orderId, "SO-E", OffsetDateTime.now()));
        awaitState(orderId, "CONFIRMED");
        given().auth().oauth2(TestTokens.forRole("crm")).contentType(ContentType.JSON)
                .header("X-Correlation-Id", "corr-rep-" + UUID.randomUUID())
                .body("{\"reason\":\"customer called\"}")
                .when().post("/api/v1/orders/" + orderId + "/cancel").then().statusCode(200);
        ConsumerRecord<String, String> cancel = awaitRecord(commands, orderId, CloudEventTypes.CANCEL_SALES_ORDER);
        assertThat(cancel.value()).contains("\"erpOrderNumber\":\"SO-E\"");
        // The rep's cancel request had an id of its own: the ERP still sees the order's.
        assertThat(KafkaCloudEvents.read(cancel.headers(), cancel.value()).correlationId())
                .isEqualTo(KafkaCloudEvents.read(create.headers(), create.value()).correlationId());
        awaitState(orderId, "CANCELLED");
        assertThat(PricingAndInventoryStubs.CALLS).contains("DELETE /api/v1/reservations/" + orderId);

        String shippedId = placed(customer, "SKU-F", 1);
        awaitState(shippedId, "SUBMITTED");
        produce(Topics.ERP_SALES_ORDER_EVENTS, shippedId, CloudEventTypes.SALES_ORDER_ACCEPTED,
                new SalesOrderAccepted(shippedId, "SO-F", OffsetDateTime.now()));
        awaitState(shippedId, "CONFIRMED");
        produce(Topics.WMS_SHIPMENTS, shippedId, CloudEventTypes.SHIPMENT_DISPATCHED, new Shipment(shippedId, "SH-F",
                "WH-1", "UPS", "1ZF", List.of(), OffsetDateTime.now()));
        awaitState(shippedId, "SHIPPED");
        given().auth().oauth2(TestTokens.forRole("operations")).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/orders/" + shippedId + "/cancel")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("already shipped"));
    }

    @Test
    void aHoldThatInventoryMadeAfterTheOrderWasCancelledIsReleasedNotKeptUntilItExpires() {
        String customer = customer(CreditStatus.OK, "100000");
        String orderId = placed(customer, "SLOWHOLD-1", 2);
        awaitState(orderId, "PRICED");
        given().auth().oauth2(TestTokens.forRole("crm")).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/orders/" + orderId + "/cancel").then().statusCode(org.hamcrest.Matchers.lessThan(300));
        awaitState(orderId, "CANCELLED");
        // The cancel's release came before inventory held anything; the hold inventory made afterwards is released.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<String> calls = List.copyOf(PricingAndInventoryStubs.CALLS);
            int answered = calls.indexOf("ANSWERED " + orderId);
            assertThat(answered).isNotNegative();
            assertThat(calls.subList(answered, calls.size())).contains("DELETE /api/v1/reservations/" + orderId);
        });
    }

    @Test
    void aDeliveryThatOvertakesItsShipmentDeliversTheOrderCommitsTheStockAndKeepsALateErpNumber() {
        String customer = customer(CreditStatus.OK, "100000");
        String orderId = placed(customer, "SKU-D", 2);
        awaitState(orderId, "SUBMITTED");
        // The carrier's milestone arrives before the warehouse's shipment and before the ERP's acceptance.
        produce(Topics.CARRIER_MILESTONES, orderId, CloudEventTypes.CARRIER_MILESTONE, new CarrierMilestone(orderId,
                "SH-D", "UPS", "1ZD", MilestoneStatus.DELIVERED, null, OffsetDateTime.now()));
        awaitState(orderId, "DELIVERED");
        await().atMost(Duration.ofSeconds(15)).until(() -> PricingAndInventoryStubs.CALLS
                .contains("POST /api/v1/reservations/" + orderId + "/commit"));
        produce(Topics.ERP_SALES_ORDER_EVENTS, orderId, CloudEventTypes.SALES_ORDER_ACCEPTED,
                new SalesOrderAccepted(orderId, "SO-D", OffsetDateTime.now()));
        produce(Topics.WMS_SHIPMENTS, orderId, CloudEventTypes.SHIPMENT_DISPATCHED, new Shipment(orderId, "SH-D",
                "WH-1", "UPS", "1ZD", List.of(new Shipment.Line(1, "SKU-D", new BigDecimal("2"), "EA")),
                OffsetDateTime.now()));
        JsonPath delivered = await().atMost(Duration.ofSeconds(15)).until(() -> view(orderId),
                v -> "SO-D".equals(v.getString("erpOrderNumber")));
        assertThat(delivered.getString("state")).isEqualTo("DELIVERED");
        assertThat(delivered.getList("timeline.state")).containsSubsequence("SUBMITTED", "SHIPPED", "DELIVERED");
        assertThat(delivered.getString("stuckReason")).isNull();
    }

    @Test
    void aShipmentWhoseHoldInventoryLetExpireIsListedAsShortStockInsteadOfRetriedForever() {
        String customer = customer(CreditStatus.OK, "100000");
        String orderId = placed(customer, "EXPIRINGHOLD-1", 1);
        awaitState(orderId, "SUBMITTED");
        acceptedAndShipped(orderId, "SO-E", "EXPIRINGHOLD-1", 1);
        JsonPath flagged = await().atMost(Duration.ofSeconds(15)).until(() -> view(orderId),
                v -> "SHORT_STOCK".equals(v.getString("stuckReason")));
        assertThat(flagged.getString("state")).isEqualTo("SHIPPED");
        assertThat(flagged.getList("timeline.cause", String.class))
                .anyMatch(c -> c.contains("refused to commit") && c.contains("expired"));
        long commits = PricingAndInventoryStubs.CALLS.stream()
                .filter(c -> c.equals("POST /api/v1/reservations/" + orderId + "/commit")).count();
        assertThat(commits).isEqualTo(1);
    }

    @Test
    void aHoldAboutToExpireWhileTheOrderWaitsForTheWarehouseIsRenewedAndForgottenOnceShipped() {
        String customer = customer(CreditStatus.OK, "100000");
        String orderId = placed(customer, "SHORTHOLD-1", 1);
        awaitState(orderId, "SUBMITTED");
        await().atMost(Duration.ofSeconds(15)).until(() ->
                PricingAndInventoryStubs.CALLS.contains("POST /api/v1/reservations/" + orderId + "/renewal"));
        JsonPath renewed = await().atMost(Duration.ofSeconds(15)).until(() -> view(orderId),
                v -> v.getString("holdExpiresAt") != null
                        && OffsetDateTime.parse(v.getString("holdExpiresAt")).isAfter(OffsetDateTime.now().plusDays(6)));
        assertThat(renewed.getString("stuckReason")).isNull();

        acceptedAndShipped(orderId, "SO-RH", "SHORTHOLD-1", 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> view(orderId).getString("holdExpiresAt") == null);
    }

    @Test
    void aHoldInventoryLetExpireBeforeShipmentIsListedAsShortStockWithANote() {
        String customer = customer(CreditStatus.OK, "100000");
        String orderId = placed(customer, "LOSTHOLD-1", 1);
        JsonPath flagged = await().atMost(Duration.ofSeconds(30)).until(() -> view(orderId),
                v -> "SHORT_STOCK".equals(v.getString("stuckReason")));
        assertThat(flagged.getString("holdExpiresAt")).isNull();
        assertThat(flagged.getList("timeline.cause", String.class))
                .anyMatch(c -> c.startsWith("stock hold expired before shipment") && c.contains("EXPIRED"));
        // Flagged once: the hold is forgotten, not asked about again on every scan.
        long renewals = PricingAndInventoryStubs.CALLS.stream()
                .filter(c -> c.equals("POST /api/v1/reservations/" + orderId + "/renewal")).count();
        assertThat(renewals).isEqualTo(1);
    }

    @Test
    void aWonOpportunityBecomesOneCrmOrderRepricedByTheErpRulesWithTheMovedQuotePriceFlagged() {
        String customer = customer(CreditStatus.OK, "100000");
        String opportunity = "OPP-" + UUID.randomUUID();
        OpportunityWon won = new OpportunityWon(opportunity, customer, "rep.jones", null, "USD", "PO-OPP-1",
                LocalDate.now().plusDays(5), new Address("Dock", "1 Main", null, "Town", null, "12345", "US"),
                List.of(new OpportunityWon.Line(1, "SKU-O1", new BigDecimal("4"), "EA", Money.of("9.00", "USD")),
                        new OpportunityWon.Line(2, "SKU-O2", new BigDecimal("1"), "EA", Money.of("10.00", "USD"))),
                OffsetDateTime.now());
        produce(Topics.CRM_OPPORTUNITIES, opportunity, CloudEventTypes.CRM_OPPORTUNITY_WON, won);
        // The CRM connector sends the same won opportunity again (a new event id): still one order.
        produce(Topics.CRM_OPPORTUNITIES, opportunity, CloudEventTypes.CRM_OPPORTUNITY_WON, won);
        JsonPath list = await().atMost(Duration.ofSeconds(20)).until(() -> given()
                        .auth().oauth2(TestTokens.forRole("crm")).queryParam("customerId", customer)
                        .when().get("/api/v1/orders").then().statusCode(200).extract().jsonPath(),
                p -> p.getList("items").size() == 1 && "SUBMITTED".equals(p.getString("items[0].state")));
        assertThat(list.getString("items[0].channel")).isEqualTo("crm");
        assertThat(list.getString("items[0].customerPoNumber")).isEqualTo("PO-OPP-1");
        JsonPath order = view(list.getString("items[0].orderId"));
        assertThat(order.getString("lines[0].unitPrice")).as("the ERP's price, not the quoted one").isEqualTo("10");
        assertThat(order.getString("lines[0].priceFlag")).contains("buyer expected 9.00");
        assertThat(order.getString("lines[1].priceFlag")).isNull();
        assertThat(order.getList("timeline.cause", String.class)).anyMatch(c -> c.contains(opportunity));

        String empty = "OPP-" + UUID.randomUUID();
        produce(Topics.CRM_OPPORTUNITIES, empty, CloudEventTypes.CRM_OPPORTUNITY_WON, new OpportunityWon(empty,
                customer, "rep.jones", null, "USD", null, null, null, List.of(), OffsetDateTime.now()));
        JsonPath letters = await().atMost(Duration.ofSeconds(20)).until(() -> given()
                        .auth().oauth2(TestTokens.forRole("operations")).when().get("/api/v1/dead-letters")
                        .then().statusCode(200).extract().jsonPath(),
                p -> p.getList("findAll { it.key == '" + empty + "' }").size() == 1);
        assertThat(letters.getString("find { it.key == '" + empty + "' }.reason")).contains("lines");
    }

    @Test
    void aWarehouseMovementInventoryDeadLetteredIsListedHereAndReplayedOntoItsTopic() {
        String sku = "SKU-DLQ-" + UUID.randomUUID();
        String movement = "{\"sku\":\"" + sku + "\",\"location\":\"NEW-DC\",\"type\":\"RECEIPT\",\"quantity\":4}";
        CloudEvent event = CloudEvent.of("/wms/test", CloudEventTypes.STOCK_MOVEMENT, sku, "corr-dlq-" + sku, movement);
        // As inventory-service writes it: the original value and headers, plus the reason (here: a location it did
        // not know yet, which operations set up before replaying).
        ProducerRecord<String, String> dead = new ProducerRecord<>(Topics.dlq(Topics.WMS_STOCK_MOVEMENTS), null, sku,
                movement, KafkaCloudEvents.headers(event));
        dead.headers().add("dead-letter-reason", "location NEW-DC is not a known location".getBytes());
        kafka.produceStrings().fromRecords(dead).awaitCompletion(Duration.ofSeconds(10));
        JsonPath letters = await().atMost(Duration.ofSeconds(20)).until(() -> given()
                        .auth().oauth2(TestTokens.forRole("operations")).when().get("/api/v1/dead-letters")
                        .then().statusCode(200).extract().jsonPath(),
                p -> p.getList("findAll { it.key == '" + sku + "' }").size() == 1);
        assertThat(letters.getString("find { it.key == '" + sku + "' }.originalTopic"))
                .isEqualTo(Topics.WMS_STOCK_MOVEMENTS);
        long id = letters.getLong("find { it.key == '" + sku + "' }.id");

        var movements = kafka.consumeStrings().fromTopics(Topics.WMS_STOCK_MOVEMENTS);
        given().auth().oauth2(TestTokens.forRole("operations")).when().post("/api/v1/dead-letters/" + id + "/replay")
                .then().statusCode(202);
        ConsumerRecord<String, String> replayed = await().atMost(Duration.ofSeconds(20)).until(
                () -> movements.getRecords().stream().filter(r -> sku.equals(r.key())).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        movements.stop();
        assertThat(replayed.value()).isEqualTo(movement);
        assertThat(KafkaCloudEvents.get(replayed.headers(), KafkaCloudEvents.CE_TYPE))
                .isEqualTo(CloudEventTypes.STOCK_MOVEMENT);
        assertThat(KafkaCloudEvents.get(replayed.headers(), KafkaCloudEvents.CE_ID)).isNotEqualTo(event.id());
    }

    @Test
    void anOrderShippedInTwoPartsCommitsEachPartPublishesEachAndCanReturnGoodsOfBoth() {
        String customer = customer(CreditStatus.OK, "100000");
        String orderId = place(customer, UUID.randomUUID().toString(), twoLineOrder(customer, "SKU-SPA", 3, "SKU-SPB", 2))
                .then().statusCode(202).extract().path("orderId");
        awaitState(orderId, "SUBMITTED");
        var lifecycle = kafka.consumeStrings().fromTopics(Topics.ORDERS_LIFECYCLE);
        accepted(orderId, "SO-SP");
        produce(Topics.WMS_SHIPMENTS, orderId, CloudEventTypes.SHIPMENT_DISPATCHED, new Shipment(orderId, "SH-SP1",
                "WH-EAST", "UPS", "1ZSP1", List.of(new Shipment.Line(1, "SKU-SPA", new BigDecimal("3"), "EA")),
                OffsetDateTime.now()));
        awaitState(orderId, "SHIPPED");
        produce(Topics.WMS_SHIPMENTS, orderId, CloudEventTypes.SHIPMENT_DISPATCHED, new Shipment(orderId, "SH-SP2",
                "WH-WEST", "FDX", "7489SP2", List.of(new Shipment.Line(2, "SKU-SPB", new BigDecimal("2"), "EA")),
                OffsetDateTime.now()));

        JsonPath both = await().atMost(Duration.ofSeconds(20)).until(() -> view(orderId),
                v -> v.getList("shipments").size() == 2 && PricingAndInventoryStubs.SHIPMENT_COMMITS.stream()
                        .filter(c -> c.startsWith(orderId + " ")).count() >= 2);
        assertThat(both.getString("state")).isEqualTo("SHIPPED");
        assertThat(both.getString("shipment.shipmentId")).isEqualTo("SH-SP2");
        assertThat(both.getList("shipments.trackingNumber")).containsExactly("1ZSP1", "7489SP2");
        assertThat(both.getList("timeline.cause", String.class)).anyMatch(c -> c.startsWith("shipped another part, SH-SP2"));
        // Each part takes just its own lines from the hold, from the warehouse it left.
        assertThat(PricingAndInventoryStubs.SHIPMENT_COMMITS).filteredOn(c -> c.startsWith(orderId + " "))
                .anyMatch(c -> c.contains("\"shipmentId\":\"SH-SP1\"") && c.contains("\"location\":\"WH-EAST\"")
                        && c.contains("SKU-SPA") && !c.contains("SKU-SPB"))
                .anyMatch(c -> c.contains("\"shipmentId\":\"SH-SP2\"") && c.contains("SKU-SPB") && !c.contains("SKU-SPA"));
        // The second part is published on its own, carrying its shipment: what a partner's 856 is written from.
        await().atMost(Duration.ofSeconds(20)).until(() -> lifecycle.getRecords().stream()
                .anyMatch(r -> orderId.equals(r.key()) && r.value().contains("\"shipmentId\":\"SH-SP2\"")));
        lifecycle.stop();

        // Goods of both parts can come back.
        given().auth().oauth2(TestTokens.forRole("crm")).contentType(ContentType.JSON)
                .body("{\"orderId\":\"" + orderId + "\",\"lines\":[{\"lineNumber\":1,\"quantity\":3},"
                        + "{\"lineNumber\":2,\"quantity\":2}]}")
                .when().post("/api/v1/returns").then().statusCode(201);
    }

    @Test
    void anOrderInvoicedWithPartOfItsHoldUnshippedReleasesTheRest() {
        String customer = customer(CreditStatus.OK, "100000");
        String orderId = place(customer, UUID.randomUUID().toString(), twoLineOrder(customer, "SKU-SHA", 4, "SKU-SHB", 1))
                .then().statusCode(202).extract().path("orderId");
        awaitState(orderId, "SUBMITTED");
        accepted(orderId, "SO-SH");
        produce(Topics.WMS_SHIPMENTS, orderId, CloudEventTypes.SHIPMENT_DISPATCHED, new Shipment(orderId, "SH-SH1",
                "WH-1", "UPS", "1ZSH1", List.of(new Shipment.Line(1, "SKU-SHA", new BigDecimal("4"), "EA")),
                OffsetDateTime.now()));
        awaitState(orderId, "SHIPPED");
        produce(Topics.CARRIER_MILESTONES, orderId, CloudEventTypes.CARRIER_MILESTONE, new CarrierMilestone(orderId,
                "SH-SH1", "UPS", "1ZSH1", MilestoneStatus.DELIVERED, null, OffsetDateTime.now()));
        awaitState(orderId, "DELIVERED");
        assertThat(PricingAndInventoryStubs.CALLS).doesNotContain("DELETE /api/v1/reservations/" + orderId);

        produce(Topics.ERP_SALES_ORDER_EVENTS, orderId, CloudEventTypes.INVOICE_POSTED, new InvoicePosted(orderId,
                "SO-SH", "INV-SH", LocalDate.now(), LocalDate.now().plusDays(30), Money.of("40.00", "USD"),
                Money.of("0", "USD"), Money.of("40.00", "USD"), List.of(), OffsetDateTime.now()));
        awaitState(orderId, "COMPLETED");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                PricingAndInventoryStubs.CALLS.contains("DELETE /api/v1/reservations/" + orderId));
        JsonPath done = await().atMost(Duration.ofSeconds(10)).until(() -> view(orderId),
                v -> v.getList("timeline.cause", String.class).contains("reservation committed"));
        assertThat(done.getList("timeline.cause", String.class))
                .contains("invoiced with part of the reservation unshipped: releasing it");
        assertThat(done.getString("stuckReason")).isNull();
    }

    @Test
    void anErpCreditMemoWithoutAReturnIsKeptOnTheOrderOnceAndShownOnTheCustomerSummary() {
        String customer = customer(CreditStatus.OK, "100000");
        String orderId = placed(customer, "SKU-ADJ", 2);
        awaitState(orderId, "SUBMITTED");
        acceptedAndShipped(orderId, "SO-ADJ", "SKU-ADJ", 2);
        var dlq = kafka.consumeStrings().fromTopics(Topics.dlq(Topics.ERP_SALES_ORDER_EVENTS));
        CreditMemoPosted adjustment = new CreditMemoPosted(orderId, null, customer, "CM-ADJ",
                Money.of("4.00", "USD"), OffsetDateTime.now(), "price adjustment: contract price missed");
        produce(Topics.ERP_SALES_ORDER_EVENTS, orderId, CloudEventTypes.CREDIT_MEMO_POSTED, adjustment);
        produce(Topics.ERP_SALES_ORDER_EVENTS, orderId, CloudEventTypes.CREDIT_MEMO_POSTED, adjustment);
        // A credit in another currency than the order's cannot be right: operations get it with the reason.
        produce(Topics.ERP_SALES_ORDER_EVENTS, orderId, CloudEventTypes.CREDIT_MEMO_POSTED, new CreditMemoPosted(
                orderId, null, customer, "CM-EUR", Money.of("4.00", "EUR"), OffsetDateTime.now()));

        JsonPath credited = await().atMost(Duration.ofSeconds(20)).until(() -> view(orderId),
                v -> v.getList("timeline.cause", String.class).stream().anyMatch(c -> c.contains("repeated")));
        assertThat(credited.getList("credits.creditMemoNumber")).containsExactly("CM-ADJ");
        assertThat(credited.getString("credits[0].reason")).isEqualTo("price adjustment: contract price missed");
        assertThat(credited.getString("state")).isEqualTo("SHIPPED");
        assertThat(credited.getList("timeline.cause", String.class)).contains(
                "credited by the ERP: credit memo CM-ADJ for 4.00 USD (price adjustment: contract price missed)");
        ConsumerRecord<String, String> dead = await().atMost(Duration.ofSeconds(20)).until(
                () -> dlq.getRecords().stream().filter(r -> orderId.equals(r.key())).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        dlq.stop();
        assertThat(KafkaCloudEvents.get(dead.headers(), "dead-letter-reason")).contains("total.currency EUR");
        given().auth().oauth2(TestTokens.forRole("crm")).when().get("/api/v1/customers/" + customer + "/summary")
                .then().statusCode(200).body("credits[0].creditMemoNumber", equalTo("CM-ADJ"))
                .body("credits[0].total.amount", equalTo(4.00f)).body("credits", org.hamcrest.Matchers.hasSize(1));
    }

    @Test
    void aReturnOfShippedGoodsIsReceivedCreditedByTheErpAndShownOnTheCustomerSummary() {
        String customer = customer(CreditStatus.OK, "100000");
        String orderId = placed(customer, "SKU-RT", 5);
        awaitState(orderId, "SUBMITTED");
        given().auth().oauth2(TestTokens.forRole("crm")).contentType(ContentType.JSON)
                .body("{\"orderId\":\"" + orderId + "\",\"lines\":[{\"lineNumber\":1,\"quantity\":1}]}")
                .when().post("/api/v1/returns")
                .then().statusCode(409).contentType("application/problem+json");
        acceptedAndShipped(orderId, "SO-RT", "SKU-RT", 5);
        var commands = kafka.consumeStrings().fromTopics(Topics.ERP_SALES_ORDER_COMMANDS);

        String key = UUID.randomUUID().toString();
        String body = "{\"orderId\":\"" + orderId + "\",\"reason\":\"wrong colour\","
                + "\"lines\":[{\"lineNumber\":1,\"quantity\":2}]}";
        String rma = given().auth().oauth2(TestTokens.forRole("crm")).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).when().post("/api/v1/returns")
                .then().statusCode(201).body("state", equalTo("AUTHORISED"))
                .body("statusUrl", equalTo("/api/v1/orders/" + orderId)).extract().path("returnId");
        given().auth().oauth2(TestTokens.forRole("crm")).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).when().post("/api/v1/returns")
                .then().statusCode(200).body("returnId", equalTo(rma));
        // 5 shipped, 2 already on their way back: 4 more is more than the customer has.
        given().auth().oauth2(TestTokens.forRole("crm")).contentType(ContentType.JSON)
                .body(body.replace("\"quantity\":2", "\"quantity\":4")).when().post("/api/v1/returns")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("lines[0].quantity"));
        given().auth().oauth2(TestTokens.forRole("storefront")).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/returns").then().statusCode(403);

        produce(Topics.WMS_SHIPMENTS, orderId, CloudEventTypes.RETURN_RECEIVED, new ReturnReceived(orderId, rma,
                "WH-1", List.of(new ReturnReceived.Line(1, "SKU-RT", new BigDecimal("2"), "RESALEABLE")),
                OffsetDateTime.now()));
        ConsumerRecord<String, String> memo = awaitRecord(commands, orderId, CloudEventTypes.CREATE_CREDIT_MEMO);
        CreateCreditMemoCommand command = Json.read(memo.value(), CreateCreditMemoCommand.class);
        assertThat(command.returnId()).isEqualTo(rma);
        assertThat(command.erpOrderNumber()).isEqualTo("SO-RT");
        assertThat(command.lines()).singleElement().satisfies(l -> {
            assertThat(l.quantity()).isEqualByComparingTo("2");
            assertThat(l.unitPrice().amount()).isEqualByComparingTo("10");
        });
        produce(Topics.ERP_SALES_ORDER_EVENTS, orderId, CloudEventTypes.CREDIT_MEMO_POSTED, new CreditMemoPosted(
                orderId, rma, customer, "CM-RT", Money.of("20.00", "USD"), OffsetDateTime.now()));
        JsonPath credited = await().atMost(Duration.ofSeconds(15)).until(() -> view(orderId),
                v -> "CREDITED".equals(v.getString("returns[0].state")));
        assertThat(credited.getString("state")).as("the order itself stays shipped").isEqualTo("SHIPPED");
        assertThat(credited.getString("returns[0].creditMemoNumber")).isEqualTo("CM-RT");
        assertThat(credited.getString("returns[0].lines[0].received")).isEqualTo("2");
        assertThat(credited.getList("timeline.cause", String.class)).anyMatch(c -> c.contains(rma + " authorised"))
                .anyMatch(c -> c.contains(rma + " received")).anyMatch(c -> c.contains("credit memo CM-RT"));
        given().auth().oauth2(TestTokens.forRole("crm")).when().get("/api/v1/customers/" + customer + "/summary")
                .then().statusCode(200).body("returns[0].returnId", equalTo(rma))
                .body("returns[0].state", equalTo("CREDITED")).body("returns[0].creditMemoNumber", equalTo("CM-RT"));

        // The ERP posts a second memo for the same two units: the return's credit stays 20.00, the memo is kept among
        // the order's credits and the timeline flags it for finance. Redelivered, neither counts it again.
        CreditMemoPosted second = new CreditMemoPosted(orderId, rma, customer, "CM-RT-2", Money.of("20.00", "USD"),
                OffsetDateTime.now());
        produce(Topics.ERP_SALES_ORDER_EVENTS, orderId, CloudEventTypes.CREDIT_MEMO_POSTED, second);
        produce(Topics.ERP_SALES_ORDER_EVENTS, orderId, CloudEventTypes.CREDIT_MEMO_POSTED, second);
        JsonPath flagged = await().atMost(Duration.ofSeconds(15)).until(() -> view(orderId), v -> v.getList(
                "timeline.cause", String.class).stream().anyMatch(c -> c.contains("possible duplicate credit")));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> view(orderId).getList(
                "timeline.cause", String.class).stream().filter(c -> c.contains("CM-RT-2")).count() == 2);
        assertThat(flagged.getDouble("returns[0].creditTotal.amount")).isEqualTo(20.0);
        given().auth().oauth2(TestTokens.forRole("crm")).when().get("/api/v1/customers/" + customer + "/summary")
                .then().statusCode(200).body("credits.creditMemoNumber", hasItem("CM-RT-2"))
                .body("returns[0].creditTotal.amount", equalTo(20.00f));
    }

    @Test
    void aReturnTheWarehouseDoesNotCheckInIsListedWaitingOnTheWarehouseUntilTheGoodsArrive() {
        String customer = customer(CreditStatus.OK, "100000");
        String orderId = placed(customer, "SKU-LATE", 2);
        awaitState(orderId, "SUBMITTED");
        acceptedAndShipped(orderId, "SO-LATE", "SKU-LATE", 2);
        String rma = given().auth().oauth2(TestTokens.forRole("operations")).contentType(ContentType.JSON)
                .body("{\"orderId\":\"" + orderId + "\",\"lines\":[{\"lineNumber\":1,\"quantity\":2}]}")
                .when().post("/api/v1/returns").then().statusCode(201).extract().path("returnId");
        // The test profile gives the warehouse 3 s to check a return in.
        JsonPath waiting = await().atMost(Duration.ofSeconds(20)).until(() -> view(orderId),
                v -> "WAITING_ON_WAREHOUSE".equals(v.getString("stuckReason")));
        assertThat(waiting.getString("returns[0].state")).isEqualTo("AUTHORISED");
        assertThat(waiting.getList("timeline.cause", String.class)).anyMatch(c -> c.contains(rma + " not checked in"));
        produce(Topics.WMS_SHIPMENTS, orderId, CloudEventTypes.RETURN_RECEIVED, new ReturnReceived(orderId, rma,
                "WH-1", List.of(new ReturnReceived.Line(1, "SKU-LATE", new BigDecimal("2"), "RESALEABLE")),
                OffsetDateTime.now()));
        JsonPath received = await().atMost(Duration.ofSeconds(15)).until(() -> view(orderId),
                v -> "RECEIVED".equals(v.getString("returns[0].state")));
        assertThat(received.getString("stuckReason")).isNull();
    }

    @Test
    void aPartnerOrderDeliveredTwiceOrWithAKnownPoReferenceBecomesOneOrder() {
        String customer = customer(CreditStatus.OK, "100000");
        String po = "PO-" + UUID.randomUUID();
        CanonicalOrder order = partnerOrder(customer, po, "SKU-G", "4", "9.50", 101);
        CloudEvent event = CloudEvent.of("/tradeflow/partner-gateway", CloudEventTypes.INBOUND_ORDER, "ACME:" + po,
                "corr-edi", Json.write(order));
        send(Topics.ORDERS_INBOUND, "ACME:" + po, event);
        send(Topics.ORDERS_INBOUND, "ACME:" + po, event);
        send(Topics.ORDERS_INBOUND, "ACME:" + po, CloudEvent.of("/tradeflow/partner-gateway",
                CloudEventTypes.INBOUND_ORDER, "ACME:" + po, "corr-edi", Json.write(order)));
        JsonPath page = await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(TestTokens.forRole("crm"))
                .queryParam("customerId", customer).when().get("/api/v1/orders").then().statusCode(200).extract().jsonPath(),
                p -> p.getList("items").size() == 1 && "SUBMITTED".equals(p.getString("items[0].state")));
        JsonPath placed = awaitState(page.getString("items[0].orderId"), "SUBMITTED");
        assertThat(placed.getString("partnerRef.interchangeControlNumber")).isEqualTo("000000101");
        assertThat(placed.getString("lines[0].priceFlag")).contains("buyer expected 9.50");
    }

    @Test
    void aPartnerPoResentAfterItWasRejectedBecomesANewOrderAndTheRefusedOneStays() {
        String customer = customer(CreditStatus.HOLD, "100000");
        String po = "PO-" + UUID.randomUUID();
        CanonicalOrder order = partnerOrder(customer, po, "SKU-AG", "2", "10.00", 201);
        send(Topics.ORDERS_INBOUND, "ACME:" + po, CloudEvent.of("/tradeflow/partner-gateway",
                CloudEventTypes.INBOUND_ORDER, "ACME:" + po, "corr-ag", Json.write(order)));
        String refused = await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(TestTokens.forRole("crm"))
                .queryParam("customerId", customer).when().get("/api/v1/orders").then().statusCode(200).extract()
                .jsonPath(), p -> p.getList("items").size() == 1 && "REJECTED".equals(p.getString("items[0].state")))
                .getString("items[0].orderId");

        // The hold is lifted and the gateway passes on the partner's resend (a new interchange, a new attempt).
        produce(Topics.ERP_CUSTOMERS, customer, CloudEventTypes.ERP_CUSTOMER, new ErpCustomer(customer,
                "Customer " + customer, Money.of("100000", "USD"), Money.of("0", "USD"), CreditStatus.OK,
                ReservationPolicy.ALL_OR_NOTHING, null, 2, OffsetDateTime.now()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(TestTokens.forRole("crm"))
                .when().get("/api/v1/customers/" + customer + "/summary").then().body("creditStatus", equalTo("OK")));
        CanonicalOrder resend = partnerOrder(customer, po, "SKU-AG", "2", "10.00", 202);
        send(Topics.ORDERS_INBOUND, "ACME:" + po + "#2", CloudEvent.of("/tradeflow/partner-gateway",
                CloudEventTypes.INBOUND_ORDER, "ACME:" + po + "#2", "corr-ag2", Json.write(resend)));
        JsonPath both = await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(TestTokens.forRole("crm"))
                .queryParam("customerId", customer).when().get("/api/v1/orders").then().statusCode(200).extract()
                .jsonPath(), p -> p.getList("items").size() == 2 && p.getList("items.state").contains("SUBMITTED"));
        assertThat(both.getList("items.orderId", String.class)).contains(refused).hasSize(2);
        assertThat(view(refused).getString("state")).isEqualTo("REJECTED");
        String again = both.getList("items.orderId", String.class).stream().filter(id -> !id.equals(refused))
                .findFirst().orElseThrow();
        assertThat(view(again).getString("partnerRef.interchangeControlNumber")).isEqualTo("000000202");
    }

    @Test
    void aPartnerOrderAndACreditHoldThatMeetADatabaseFailureThatPassesAreAppliedNotDeadLettered() {
        String customer = customer(CreditStatus.OK, "100000");
        // The ERP puts the customer on hold while the database refuses the update twice (as in a failover).
        CloudEvent hold = CloudEvent.of("/test/erp", CloudEventTypes.ERP_CUSTOMER, customer, "corr-hold",
                Json.write(new ErpCustomer(customer, "Customer " + customer, Money.of("100000", "USD"),
                        Money.of("0", "USD"), CreditStatus.HOLD, ReservationPolicy.ALL_OR_NOTHING, null, 2,
                        OffsetDateTime.now())));
        try (PassingDatabaseFailures failures = PassingDatabaseFailures.failFirstDeliveries("orders", hold.id(), 2)) {
            send(Topics.ERP_CUSTOMERS, customer, hold);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.forRole("crm"))
                    .when().get("/api/v1/customers/" + customer + "/summary").then().statusCode(200)
                    .body("creditStatus", equalTo("HOLD")));
            assertThat(failures.attempts()).isEqualTo(3);
        }

        // A partner's order meets the same: it becomes an order, not a dead letter.
        String other = customer(CreditStatus.OK, "100000");
        String po = "PO-" + UUID.randomUUID();
        CanonicalOrder order = new CanonicalOrder(null, other, "partner", po, LocalDate.now().plusDays(5),
                new Address("Dock 4", "1 Main St", null, "Springfield", "IL", "62701", "US"), "USD",
                List.of(new OrderLine(1, "SKU-T", new BigDecimal("2"), "EA", null, null)), null,
                new PartnerRef("ACME", "000000301", "301", "0001"));
        CloudEvent inbound = CloudEvent.of("/tradeflow/partner-gateway", CloudEventTypes.INBOUND_ORDER, "ACME:" + po,
                "corr-edi-t", Json.write(order));
        try (PassingDatabaseFailures failures = PassingDatabaseFailures.failFirstDeliveries("orders", inbound.id(), 2)) {
            send(Topics.ORDERS_INBOUND, "ACME:" + po, inbound);
            JsonPath page = await().atMost(Duration.ofSeconds(30)).until(() -> given().auth()
                            .oauth2(TestTokens.forRole("crm")).queryParam("customerId", other).when()
                            .get("/api/v1/orders").then().statusCode(200).extract().jsonPath(),
                    p -> p.getList("items").size() == 1);
            JsonPath placed = given().auth().oauth2(TestTokens.forRole("operations")).when()
                    .get("/api/v1/orders/" + page.getString("items[0].orderId")).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(placed.getString("partnerRef.interchangeControlNumber")).isEqualTo("000000301");
            assertThat(failures.attempts()).isEqualTo(3);
        }
        given().auth().oauth2(TestTokens.forRole("operations")).when().get("/api/v1/dead-letters")
                .then().statusCode(200).body(org.hamcrest.Matchers.not(containsString(inbound.id())))
                .body(org.hamcrest.Matchers.not(containsString(hold.id())));
    }

    @Test
    void aPoisonMessageLandsInTheDlqWithItsReasonAndTheConsumerKeepsGoing() {
        var dlq = kafka.consumeStrings().fromTopics(Topics.dlq(Topics.WMS_SHIPMENTS));
        String key = "poison-" + UUID.randomUUID();
        kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.WMS_SHIPMENTS, key, "not json at all"))
                .awaitCompletion(Duration.ofSeconds(10));
        ConsumerRecord<String, String> dead = await().atMost(Duration.ofSeconds(20)).until(
                () -> dlq.getRecords().stream().filter(r -> key.equals(r.key())).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        dlq.stop();
        assertThat(KafkaCloudEvents.get(dead.headers(), "dead-letter-reason")).contains("ce_specversion");

        // The consumer is still running: a real shipment for a live order goes through afterwards.
        String customer = customer(CreditStatus.OK, "100000");
        String orderId = placed(customer, "SKU-H", 1);
        awaitState(orderId, "SUBMITTED");
        produce(Topics.ERP_SALES_ORDER_EVENTS, orderId, CloudEventTypes.SALES_ORDER_ACCEPTED,
                new SalesOrderAccepted(orderId, "SO-H", OffsetDateTime.now()));
        awaitState(orderId, "CONFIRMED");
        produce(Topics.WMS_SHIPMENTS, orderId, CloudEventTypes.SHIPMENT_DISPATCHED, new Shipment(orderId, "SH-H",
                "WH-1", "UPS", "1ZH", List.of(), OffsetDateTime.now()));
        awaitState(orderId, "SHIPPED");
    }

    @Test
    void aShipmentDeliveredTwiceInOnePollShipsOnceAndAnUnknownOrderBesideItIsDeadLettered() {
        String customer = customer(CreditStatus.OK, "100000");
        String orderId = placed(customer, "SKU-D", 1);
        awaitState(orderId, "SUBMITTED");
        produce(Topics.ERP_SALES_ORDER_EVENTS, orderId, CloudEventTypes.SALES_ORDER_ACCEPTED,
                new SalesOrderAccepted(orderId, "SO-D", OffsetDateTime.now()));
        awaitState(orderId, "CONFIRMED");
        var dlq = kafka.consumeStrings().fromTopics(Topics.dlq(Topics.WMS_SHIPMENTS));
        String stranger = "ord-unknown-" + UUID.randomUUID();
        CloudEvent shipment = CloudEvent.of("/test/wms", CloudEventTypes.SHIPMENT_DISPATCHED, orderId, "corr-d",
                Json.write(new Shipment(orderId, "SH-D", "WH-1", "UPS", "1ZD", List.of(), OffsetDateTime.now())));
        CloudEvent forStranger = CloudEvent.of("/test/wms", CloudEventTypes.SHIPMENT_DISPATCHED, stranger, "corr-x",
                Json.write(new Shipment(stranger, "SH-X", "WH-1", "UPS", "1ZX", List.of(), OffsetDateTime.now())));
        // Sent back to back so they usually share a poll; the same CloudEvent id twice must ship the order once.
        kafka.produceStrings().fromRecords(
                new ProducerRecord<>(Topics.WMS_SHIPMENTS, null, orderId, shipment.data(), KafkaCloudEvents.headers(shipment)),
                new ProducerRecord<>(Topics.WMS_SHIPMENTS, null, stranger, forStranger.data(),
                        KafkaCloudEvents.headers(forStranger)),
                new ProducerRecord<>(Topics.WMS_SHIPMENTS, null, orderId, shipment.data(), KafkaCloudEvents.headers(shipment)))
                .awaitCompletion(Duration.ofSeconds(10));
        ConsumerRecord<String, String> dead = await().atMost(Duration.ofSeconds(20)).until(
                () -> dlq.getRecords().stream().filter(r -> stranger.equals(r.key())).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        dlq.stop();
        assertThat(KafkaCloudEvents.get(dead.headers(), "dead-letter-reason")).contains("unknown");
        JsonPath shipped = await().atMost(Duration.ofSeconds(30)).until(() -> awaitState(orderId, "SHIPPED"),
                p -> p.getList("timeline.cause").stream().anyMatch(c -> String.valueOf(c).contains("reservation committed")));
        assertThat(shipped.getList("timeline.cause").stream().filter(c -> String.valueOf(c).startsWith("shipped SH-D")))
                .hasSize(1);
        assertThat(shipped.getList("timeline.cause").stream().filter(c -> String.valueOf(c).startsWith("shipment reported")))
                .isEmpty();
    }

    @Test
    void operationsSeeADeadLetterAndItsReplayCompletesTheStepOnceTheCauseIsFixed() {
        String customer = customer(CreditStatus.OK, "100000");
        String orderId = "ord-" + UUID.randomUUID();
        // The ERP answers before the gateway's order reached us: unknown order, so it is dead-lettered.
        String traceId = UUID.randomUUID().toString().replace("-", "");
        CloudEvent early = CloudEvent.of("/test/erp", CloudEventTypes.SALES_ORDER_ACCEPTED, orderId, "corr-r",
                Json.write(new SalesOrderAccepted(orderId, "SO-R", OffsetDateTime.now())))
                .withTraceparent("00-" + traceId + "-00f067aa0ba902b7-01");
        send(Topics.ERP_SALES_ORDER_EVENTS, orderId, early);
        JsonPath letters = await().atMost(Duration.ofSeconds(20)).until(() -> given()
                        .auth().oauth2(TestTokens.forRole("operations")).when().get("/api/v1/dead-letters")
                        .then().statusCode(200).extract().jsonPath(),
                p -> p.getList("findAll { it.key == '" + orderId + "' }").size() == 1);
        assertThat(letters.getString("find { it.key == '" + orderId + "' }.reason")).contains("unknown");
        long id = letters.getLong("find { it.key == '" + orderId + "' }.id");

        CanonicalOrder order = new CanonicalOrder(orderId, customer, "partner", "PO-R", null,
                new Address("Dock", "1 Main", null, "Town", null, "12345", "US"), "USD",
                List.of(new OrderLine(1, "SKU-R", BigDecimal.ONE, "EA", null, null)), null,
                new PartnerRef("ACME", "1", "1", "1"));
        send(Topics.ORDERS_INBOUND, orderId, CloudEvent.of("/tradeflow/partner-gateway", CloudEventTypes.INBOUND_ORDER,
                orderId, "corr-r", Json.write(order)));
        awaitState(orderId, "SUBMITTED");
        var erpEvents = kafka.consumeStrings().fromTopics(Topics.ERP_SALES_ORDER_EVENTS);
        given().auth().oauth2(TestTokens.forRole("operations")).when().post("/api/v1/dead-letters/" + id + "/replay")
                .then().statusCode(202);
        JsonPath confirmed = awaitState(orderId, "CONFIRMED");
        assertThat(confirmed.getString("erpOrderNumber")).isEqualTo("SO-R");
        CloudEvent replayed = await().atMost(Duration.ofSeconds(15)).until(() -> erpEvents.getRecords().stream()
                .filter(r -> orderId.equals(r.key())).map(r -> KafkaCloudEvents.read(r.headers(), r.value()))
                .filter(e -> !e.id().equals(early.id())).findFirst(), java.util.Optional::isPresent).orElseThrow();
        erpEvents.stop();
        assertThat(replayed.traceparent()).as("the replay continues the failed message's trace").contains(traceId);
        given().auth().oauth2(TestTokens.forRole("operations")).when().post("/api/v1/dead-letters/" + id + "/replay")
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void requestsAreCheckedForTokenRoleAndFieldsWithProblemJson() {
        given().contentType(ContentType.JSON).body("{}").when().post("/api/v1/orders")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.forRole("operations")).header("Idempotency-Key", "k")
                .contentType(ContentType.JSON).body(order("C", "SKU", 1)).when().post("/api/v1/orders")
                .then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.forRole("storefront")).header("Idempotency-Key", "k-bad")
                .contentType(ContentType.JSON).body(order("C", "SKU", 0)).when().post("/api/v1/orders")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("lines[0].quantity"));
        given().auth().oauth2(TestTokens.forRole("storefront")).contentType(ContentType.JSON).body(order("C", "SKU", 1))
                .when().post("/api/v1/orders").then().statusCode(400).body("errors.field", hasItem("Idempotency-Key"));
        given().auth().oauth2(TestTokens.forRole("crm")).when().get("/api/v1/orders/nope")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.forRole("storefront")).when().get("/api/v1/dead-letters")
                .then().statusCode(403);
        String openapi = given().when().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        assertThat(openapi).contains("/api/v1/orders/{id}/cancel").contains("/api/v1/dead-letters/{id}/replay");
    }

    @Test
    void anOrderTheErpDoesNotAnswerIsListedAsStuckWaitingOnErpAndStillCompletesWhenTheErpAnswers() {
        String customer = customer(CreditStatus.OK, "100000");
        String orderId = placed(customer, "SKU-S", 1);
        awaitState(orderId, "SUBMITTED");
        JsonPath stuck = await().atMost(Duration.ofSeconds(30)).until(() -> given()
                        .auth().oauth2(TestTokens.forRole("operations")).queryParam("stuck", true)
                        .queryParam("customerId", customer).when().get("/api/v1/orders")
                        .then().statusCode(200).extract().jsonPath(),
                p -> p.getList("items").size() == 1);
        assertThat(stuck.getString("items[0].stuckReason")).isEqualTo("WAITING_ON_ERP");
        assertThat(stuck.getString("items[0].state")).isEqualTo("SUBMITTED");
        produce(Topics.ERP_SALES_ORDER_EVENTS, orderId, CloudEventTypes.SALES_ORDER_ACCEPTED,
                new SalesOrderAccepted(orderId, "SO-S", OffsetDateTime.now()));
        JsonPath confirmed = awaitState(orderId, "CONFIRMED");
        assertThat(confirmed.getString("stuckReason")).isNull();
    }

    @Test
    void operationsSeeStuckOrdersByBusinessImpactTheCostliestFirst() {
        String customer = customer(CreditStatus.OK, "1000000");
        String orderId = placed(customer, "SKU-BIG", 5000);
        awaitState(orderId, "SUBMITTED");
        // The ERP does not answer: the order is stuck waiting on it, with 50,000 of value at stake.
        JsonPath board = await().atMost(Duration.ofSeconds(30)).until(() -> given()
                        .auth().oauth2(TestTokens.forRole("operations")).when().get("/api/v1/exceptions")
                        .then().statusCode(200).extract().jsonPath(),
                b -> orderId.equals(b.getString("orders[0].orderId")));
        assertThat(board.getString("orders[0].stuckReason")).isEqualTo("WAITING_ON_ERP");
        assertThat(board.getString("orders[0].customerId")).isEqualTo(customer);
        assertThat(new BigDecimal(board.getString("orders[0].total"))).isEqualByComparingTo("50000");
        assertThat(new BigDecimal(board.getString("byReason.find { it.reason == 'WAITING_ON_ERP' }.valueAtRisk")))
                .isGreaterThanOrEqualTo(new BigDecimal("50000"));
        assertThat(board.getLong("deadLettersWaiting")).isNotNegative();
        given().auth().oauth2(TestTokens.forRole("storefront")).when().get("/api/v1/exceptions")
                .then().statusCode(403);
        produce(Topics.ERP_SALES_ORDER_EVENTS, orderId, CloudEventTypes.SALES_ORDER_ACCEPTED,
                new SalesOrderAccepted(orderId, "SO-BIG", OffsetDateTime.now()));
        awaitState(orderId, "CONFIRMED");
        assertThat(given().auth().oauth2(TestTokens.forRole("operations")).when().get("/api/v1/exceptions")
                .then().statusCode(200).extract().jsonPath().getList("orders.orderId")).doesNotContain(orderId);
    }

    @Test
    void theErpCommandContinuesTheTraceOfTheOrderRequestAndSpansCarryTheOrder() {
        String customer = customer(CreditStatus.OK, "100000");
        var commands = kafka.consumeStrings().fromTopics(Topics.ERP_SALES_ORDER_COMMANDS);
        String orderId = placed(customer, "SKU-T", 1);
        CloudEvent command = KafkaCloudEvents.read(awaitRecord(commands, orderId, CloudEventTypes.CREATE_SALES_ORDER)
                .headers(), "{}");
        assertThat(command.traceparent()).isNotNull();
        String traceId = command.traceparent().split("-")[1];
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(spans.getFinishedSpanItems())
                .anySatisfy(span -> {
                    assertThat(span.getTraceId()).isEqualTo(traceId);
                    assertThat(span.getName()).contains("/api/v1/orders");
                    assertThat(span.getAttributes().asMap().toString()).contains(orderId).contains(customer);
                }));
    }

    // ----- helpers: the test plays the ERP (customer master, answers), the WMS and the carrier over Kafka.

    private String customer(CreditStatus status, String limit) {
        String id = "C-" + UUID.randomUUID();
        produce(Topics.ERP_CUSTOMERS, id, CloudEventTypes.ERP_CUSTOMER, new ErpCustomer(id, "Customer " + id,
                Money.of(limit, "USD"), Money.of("0", "USD"), status, ReservationPolicy.ALL_OR_NOTHING, null, 1,
                OffsetDateTime.now()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(TestTokens.forRole("crm"))
                .when().get("/api/v1/customers/" + id + "/summary").then().statusCode(200)
                .body("creditStatus", equalTo(status.name())));
        return id;
    }

    /** A partner's PO as the gateway publishes it, from interchange {@code isa13}. */
    private static CanonicalOrder partnerOrder(String customer, String po, String sku, String quantity, String price,
                                               int isa13) {
        return new CanonicalOrder(null, customer, "partner", po, LocalDate.now().plusDays(5),
                new Address("Dock 4", "1 Main St", null, "Springfield", "IL", "62701", "US"), "USD",
                List.of(new OrderLine(1, sku, new BigDecimal(quantity), "EA", Money.of(price, "USD"), "BP-1")), null,
                new PartnerRef("ACME", String.format("%09d", isa13), String.valueOf(isa13), "0001"));
    }

    private static String order(String customer, String sku, int quantity) {
        return "{\"customerId\":\"" + customer + "\",\"channel\":\"storefront\",\"customerPoNumber\":\"PO-1\","
                + "\"requestedDate\":\"" + LocalDate.now().plusDays(3) + "\",\"lines\":[{\"sku\":\"" + sku
                + "\",\"quantity\":" + quantity + "}],\"shipTo\":{\"name\":\"Jane\",\"line1\":\"1 Main St\","
                + "\"city\":\"Springfield\",\"region\":\"IL\",\"postalCode\":\"62701\",\"country\":\"US\"}}";
    }

    private static String twoLineOrder(String customer, String skuA, int quantityA, String skuB, int quantityB) {
        return order(customer, skuA, quantityA).replace("}],\"shipTo\"", "},{\"sku\":\"" + skuB + "\",\"quantity\":"
                + quantityB + "}],\"shipTo\"");
    }

    private static io.restassured.response.Response place(String customer, String key, String body) {
        return given().auth().oauth2(TestTokens.forRole("storefront")).header("Idempotency-Key", key)
                .contentType(ContentType.JSON).body(body).when().post("/api/v1/orders");
    }

    private static String placed(String customer, String sku, int quantity) {
        return place(customer, UUID.randomUUID().toString(), order(customer, sku, quantity)).then().statusCode(202)
                .extract().path("orderId");
    }

    /** The ERP accepts the order as {@code erpOrderNumber}. */
    private void accepted(String orderId, String erpOrderNumber) {
        produce(Topics.ERP_SALES_ORDER_EVENTS, orderId, CloudEventTypes.SALES_ORDER_ACCEPTED,
                new SalesOrderAccepted(orderId, erpOrderNumber, OffsetDateTime.now()));
        awaitState(orderId, "CONFIRMED");
    }

    /** The ERP accepts the order as {@code erpOrderNumber} and the warehouse ships all of its one line. */
    private void acceptedAndShipped(String orderId, String erpOrderNumber, String sku, int quantity) {
        accepted(orderId, erpOrderNumber);
        produce(Topics.WMS_SHIPMENTS, orderId, CloudEventTypes.SHIPMENT_DISPATCHED, new Shipment(orderId,
                "SH-" + erpOrderNumber, "WH-1", "UPS", "1Z" + erpOrderNumber,
                List.of(new Shipment.Line(1, sku, BigDecimal.valueOf(quantity), "EA")), OffsetDateTime.now()));
        awaitState(orderId, "SHIPPED");
    }

    static JsonPath awaitState(String orderId, String state) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> view(orderId),
                p -> state.equals(p.getString("state")));
    }

    static JsonPath view(String orderId) {
        return given().auth().oauth2(TestTokens.forRole("operations"))
                .when().get("/api/v1/orders/" + orderId).then().extract().jsonPath();
    }

    private void produce(String topic, String key, String type, Object payload) {
        send(topic, key, CloudEvent.of("/test/" + topic, type, key, "corr-test-" + UUID.randomUUID(), Json.write(payload)));
    }

    private void send(String topic, String key, CloudEvent event) {
        kafka.produceStrings().fromRecords(new ProducerRecord<>(topic, null, key, event.data(),
                KafkaCloudEvents.headers(event))).awaitCompletion(Duration.ofSeconds(10));
    }

    private static ConsumerRecord<String, String> awaitRecord(ConsumerTask<String, String> consumer, String key,
                                                              String type) {
        try {
            return await().atMost(Duration.ofSeconds(30)).until(() -> consumer.getRecords().stream()
                    .filter(r -> key.equals(r.key()) && type.equals(KafkaCloudEvents.get(r.headers(),
                            KafkaCloudEvents.CE_TYPE))).findFirst(), java.util.Optional::isPresent).orElseThrow();
        } finally {
            consumer.stop();
        }
    }
}
