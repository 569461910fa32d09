package io.tradeflow.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.tradeflow.contracts.common.Money;
import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.events.CloudEventTypes;
import io.tradeflow.contracts.events.KafkaCloudEvents;
import io.tradeflow.contracts.events.Topics;
import io.tradeflow.contracts.json.Json;
import io.tradeflow.contracts.orders.LifecycleLine;
import io.tradeflow.contracts.orders.OrderLifecycleChanged;
import io.tradeflow.contracts.orders.OrderState;
import io.tradeflow.contracts.partners.PartnerOrderUpdate;
import io.tradeflow.contracts.partners.PartnerRef;
import io.tradeflow.gateway.PartnerGatewayTest.TestPartner;
import io.tradeflow.testinfra.EmbeddedServers;
import io.tradeflow.testinfra.TestTokens;
import io.tradeflow.testinfra.TradeflowTestResource;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * Webhook push of outbound documents. The partners' servers are stubbed at their HTTP boundary by a small
 * Vert.x HttpServer in the test; the gateway, Kafka and PostgreSQL are real. Test timings: backoff 300 ms
 * doubling up to 2 s (+-20% jitter), push timeout 1 s, circuit opens after 5 failures for 3 s.
 */
@QuarkusTest
@QuarkusTestResource(value = TradeflowTestResource.class, initArgs = @ResourceArg(name = "db", value = "gateway"))
class WebhookPushTest {
    static final AtomicInteger CONTROL = new AtomicInteger(700_000);
    static Vertx vertx;
    static HttpServer server;
    static final List<Push> PUSHES = new CopyOnWriteArrayList<>();
    /** Per stub path: how many more requests fail with 500 before it answers 200. */
    static final Map<String, AtomicInteger> FAILURES_LEFT = new java.util.concurrent.ConcurrentHashMap<>();

    final KafkaCompanion kafka = EmbeddedServers.kafkaCompanion();

    record Push(String path, long atNanos, Map<String, String> headers, String body) {
    }

    @BeforeAll
    static void startStubbedPartnerServers() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            String path = request.path();
            Map<String, String> headers = new java.util.HashMap<>();
            request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
            PUSHES.add(new Push(path, System.nanoTime(), headers, body.toString(StandardCharsets.UTF_8)));
            if (path.startsWith("/down/")) {
                return; // never answers: the gateway's push timeout is what ends it
            }
            AtomicInteger left = FAILURES_LEFT.get(path);
            int status = left != null && left.getAndDecrement() > 0 ? 500 : 200;
            request.response().setStatusCode(status).end();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopStubbedPartnerServers() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aDocumentIsPushedToTheStubbedPartnerServerSignedAndMarkedDelivered() throws Exception {
        TestPartner partner = onboard();
        String secret = "s3cret-" + UUID.randomUUID();
        String path = "/ok/" + partner.id();
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("url", url(path), "secret", secret))
                .when().put("/api/v1/partners/" + partner.id() + "/webhook")
                .then().statusCode(200).body("url", equalTo(url(path))).body("signed", equalTo(true))
                .body("circuit", equalTo("CLOSED"));

        confirm(partner, "PO-W1");
        Push push = await().atMost(Duration.ofSeconds(20)).until(() -> pushesTo(path), p -> p.size() == 1).get(0);
        assertThat(push.headers().get("x-document-type")).isEqualTo("855");
        assertThat(push.headers().get("content-type")).isEqualTo("application/edi-x12");
        assertThat(push.body()).startsWith("ISA").contains("BAK*").contains("PO-W1");
        // Verified the way a partner would: HMAC-SHA256 over "<timestamp>.<body>" with the shared secret.
        String timestamp = push.headers().get("x-tradeflow-timestamp");
        assertThat(push.headers().get("x-tradeflow-signature")).isEqualTo("sha256=" + hmac(secret, timestamp + "." + push.body()));

        Map<String, Object> document = await().atMost(Duration.ofSeconds(10)).until(() -> pull(partner).get(0),
                d -> "DELIVERED".equals(push(d).get("status")));
        assertThat(document.get("messageId")).isEqualTo(push.headers().get("x-message-id"));
        assertThat(document.get("payload")).isEqualTo(push.body());
        assertThat(push(document).get("httpStatus")).isEqualTo(200);
        assertThat(push(document).get("attempts")).isEqualTo(1);
        assertThat(push(document).get("deliveredAt")).isNotNull();
        // The audit trail shows the same delivery state.
        List<Map<String, Object>> audit = given().auth().oauth2(admin())
                .when().get("/api/v1/partners/" + partner.id() + "/messages?direction=outbound")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertThat(audit).hasSize(1);
        assertThat(push(audit.get(0)).get("status")).isEqualTo("DELIVERED");
        assertThat(given().when().get("/q/metrics").then().statusCode(200).extract().asString())
                .contains("tradeflow_gateway_webhook_deliveries_total{outcome=\"delivered\",partner=\"" + partner.id());
    }

    @Test
    void aMarketplacePartnersDocumentIsPushedAsJsonWithoutAnX12Envelope() {
        TestPartner partner = PartnerGatewayTest.onboardMarketplace();
        String id = partner.id();
        String apiKey = partner.apiKey();
        String path = "/ok/" + id;
        register(partner, path);
        given().header("X-API-Key", apiKey).contentType(ContentType.JSON)
                .body("{\"orderNumber\":\"MW-1\",\"shipTo\":{\"name\":\"Jane Buyer\",\"line1\":\"1 Main St\",\"city\":\"Austin\",\"postalCode\":\"78701\",\"country\":\"US\"},\"lines\":[{\"sku\":\"SKU-100\",\"quantity\":10}]}")
                .when().post("/api/v1/partners/" + id + "/documents")
                .then().statusCode(200).body("status", equalTo("ACCEPTED"));
        publish(new OrderLifecycleChanged("O-" + id + "-MW-1", 2, "C-" + id, "marketplace", "MW-1",
                OrderState.CONFIRMED, OrderState.SUBMITTED, "test", OffsetDateTime.now(), "USD",
                List.of(new LifecycleLine(1, "SKU-100", new BigDecimal("10"), "EA", Money.of("5.25", "USD"), null,
                        new BigDecimal("10"), BigDecimal.ZERO)), "ERP-MW-1", null, null,
                new PartnerRef(id, null, null, null)));
        Push push = await().atMost(Duration.ofSeconds(20)).until(() -> pushesTo(path), p -> p.size() == 1).get(0);
        assertThat(push.headers().get("content-type")).isEqualTo("application/json");
        assertThat(push.headers().get("x-document-type")).isEqualTo("855");
        assertThat(push.headers()).doesNotContainKey("x-interchange-control");
        assertThat(Json.read(push.body(), PartnerOrderUpdate.class).status())
                .isEqualTo(PartnerOrderUpdate.Status.ACCEPTED);
    }

    @Test
    void aFailingStubbedPartnerServerIsRetriedWithGrowingDelaysUntilItAccepts() {
        TestPartner partner = onboard();
        String path = "/flaky/" + partner.id();
        FAILURES_LEFT.put(path, new AtomicInteger(3));
        register(partner, path);

        confirm(partner, "PO-W2");
        // While it fails, the state says so: attempts, the last error and when the next attempt is due.
        Map<String, Object> failing = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(25))
                .until(() -> pull(partner), docs -> docs.size() == 1 && "FAILING".equals(push(docs.get(0)).get("status")))
                .get(0);
        assertThat(push(failing).get("lastError")).isEqualTo("HTTP 500");
        assertThat(push(failing).get("httpStatus")).isEqualTo(500);
        assertThat(push(failing).get("nextAttemptAt")).isNotNull();

        List<Push> pushes = await().atMost(Duration.ofSeconds(20)).until(() -> pushesTo(path), p -> p.size() == 4);
        Map<String, Object> delivered = await().atMost(Duration.ofSeconds(10)).until(() -> pull(partner).get(0),
                d -> "DELIVERED".equals(push(d).get("status")));
        assertThat(push(delivered).get("attempts")).isEqualTo(4);
        long gap1 = pushes.get(1).atNanos() - pushes.get(0).atNanos();
        long gap2 = pushes.get(2).atNanos() - pushes.get(1).atNanos();
        long gap3 = pushes.get(3).atNanos() - pushes.get(2).atNanos();
        // Nominal 300, 600, 1200 ms with +-20% jitter: each wait is at least the low end of its doubled delay
        // (a loaded machine only makes waits longer, never shorter), so the delays grow exponentially.
        assertThat(gap1).as("first retry after >= 240 ms").isGreaterThanOrEqualTo(Duration.ofMillis(235).toNanos());
        assertThat(gap2).as("second retry after >= 480 ms").isGreaterThanOrEqualTo(Duration.ofMillis(475).toNanos());
        assertThat(gap3).as("third retry after >= 960 ms").isGreaterThanOrEqualTo(Duration.ofMillis(955).toNanos());
        assertThat(gap3).as("delays grow").isGreaterThan(gap1);
        // Each attempt is the same document, so the partner can deduplicate on the message id.
        assertThat(pushes).extracting(p -> p.headers().get("x-message-id")).containsOnly((String) delivered.get("messageId"));
    }

    @Test
    void aStubbedPartnerServerThatIsDownOpensItsCircuitWhileAnotherPartnersPushesStillArrive() {
        TestPartner down = onboard();
        TestPartner up = onboard();
        String downPath = "/down/" + down.id();
        String upPath = "/ok/" + up.id();
        register(down, downPath);
        register(up, upPath);

        for (int i = 1; i <= 3; i++) {
            confirm(down, "PO-D" + i);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> pushesTo(downPath).size() >= 1);
        long upStart = System.nanoTime();
        confirm(up, "PO-U1");
        confirm(up, "PO-U2");
        await().atMost(Duration.ofSeconds(10)).until(() -> pushesTo(upPath).size() == 2);
        assertThat(Duration.ofNanos(System.nanoTime() - upStart)).as("the other partner is not held up")
                .isLessThan(Duration.ofSeconds(8));

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> given().auth()
                .oauth2(admin()).when().get("/api/v1/partners/" + down.id() + "/webhook").then().statusCode(200)
                .extract().path("circuit"), "OPEN"::equals);
        int whenOpened = pushesTo(downPath).size();
        assertThat(whenOpened).isGreaterThanOrEqualTo(5);
        // While open, the dead endpoint gets nothing, but the other partner's new documents still go out.
        confirm(up, "PO-U3");
        await().atMost(Duration.ofSeconds(10)).until(() -> pushesTo(upPath).size() == 3);
        assertThat(pushesTo(downPath)).hasSize(whenOpened);
        List<Map<String, Object>> downDocs = pull(down);
        assertThat(downDocs).hasSize(3).allSatisfy(d -> {
            assertThat(push(d).get("status")).isEqualTo("FAILING");
            assertThat((String) push(d).get("lastError")).isNotBlank();
        });
        assertThat(pull(up)).allSatisfy(d -> assertThat(push(d).get("status")).isEqualTo("DELIVERED"));
        assertThat(given().when().get("/q/metrics").then().statusCode(200).extract().asString())
                .contains("tradeflow_gateway_webhook_deliveries_total{outcome=\"failed\",partner=\"" + down.id());
    }

    @Test
    void aBadWebhookIsA400NamingTheFieldAndDeleteStopsPushing() {
        TestPartner partner = onboard();
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("url", "ftp://example.com/x"))
                .when().put("/api/v1/partners/" + partner.id() + "/webhook")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("url"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("url", "https://partner.example/edi", "secret", "short"))
                .when().put("/api/v1/partners/" + partner.id() + "/webhook")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("secret"));
        given().auth().oauth2(TestTokens.forRole("operations")).contentType(ContentType.JSON)
                .body(Map.of("url", "https://partner.example/edi"))
                .when().put("/api/v1/partners/" + partner.id() + "/webhook").then().statusCode(403);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("url", "https://partner.example/edi"))
                .when().put("/api/v1/partners/nobody-" + partner.id() + "/webhook")
                .then().statusCode(404).contentType("application/problem+json");

        String path = "/ok/" + partner.id();
        register(partner, path);
        given().auth().oauth2(admin()).when().delete("/api/v1/partners/" + partner.id() + "/webhook")
                .then().statusCode(204);
        given().auth().oauth2(admin()).when().get("/api/v1/partners/" + partner.id() + "/webhook")
                .then().statusCode(404);
        confirm(partner, "PO-W4");
        await().atMost(Duration.ofSeconds(20)).until(() -> pull(partner).size() == 1);
        assertThat(pull(partner).get(0).get("push")).isNull();
        assertThat(pushesTo(path)).isEmpty();
    }

    /**
     * SSRF: a webhook is a request the gateway makes from inside the network, so one aimed at loopback, link-local
     * (cloud metadata), private or other internal addresses is refused, unless the host is allowed by config (the
     * test config allows 127.0.0.1 and localhost, where the stub partner server listens).
     */
    @Test
    void aWebhookAimedAtInternalAddressesIsRefusedUnlessItsHostIsAllowedByConfig() {
        TestPartner partner = onboard();
        for (String target : List.of("http://169.254.169.254/latest/meta-data/", "http://10.0.0.7/edi",
                "https://192.168.1.20/edi", "http://172.20.0.5:8080/edi", "http://127.0.0.2:8080/edi",
                "http://[::1]:8080/edi", "http://[fd00::5]/edi", "http://[::ffff:10.0.0.7]/edi", "http://0.0.0.0/edi",
                "http://100.64.0.1/edi")) {
            given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("url", target))
                    .when().put("/api/v1/partners/" + partner.id() + "/webhook")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("url"));
        }
        // The same rule for a webhook given with the profile.
        Map<String, Object> profile = new java.util.HashMap<>(Map.of("id", "ssrf-" + partner.id(), "name", "SSRF",
                "type", "EDI", "customerId", "C-SSRF", "x12", Map.of("senderQualifier", "ZZ", "senderId", "SSRF1",
                        "receiverQualifier", "ZZ", "receiverId", "TRADEFLOW", "version", "004010"),
                "documentTypes", List.of("850"), "rateLimitPerMinute", 10,
                "webhookUrl", "http://169.254.169.254/latest/meta-data/"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(profile)
                .when().post("/api/v1/partners")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("webhookUrl"));
        given().auth().oauth2(admin()).when().get("/api/v1/partners/ssrf-" + partner.id()).then().statusCode(404);
        given().auth().oauth2(admin()).when().get("/api/v1/partners/" + partner.id() + "/webhook").then().statusCode(404);

        // Allowed by config: the loopback hosts the tests' stub server uses.
        for (String allowed : List.of(url("/ok/" + partner.id()), "http://localhost:" + server.actualPort() + "/ok")) {
            given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("url", allowed))
                    .when().put("/api/v1/partners/" + partner.id() + "/webhook")
                    .then().statusCode(200).body("url", org.hamcrest.Matchers.equalTo(allowed));
        }
    }

    /**
     * DNS rebinding: a host that passed the check at registration and later resolves to an internal address is
     * checked again before every push and refused, never reached. Played by pointing the stored webhook, as a
     * changed DNS answer would, at 127.0.0.2: loopback, and not among the hosts the test config allows.
     */
    @Test
    void aWebhookWhoseHostNowResolvesToAnInternalAddressIsRefusedAtPushTimeAndNeverReached() throws Exception {
        TestPartner partner = onboard();
        register(partner, "/ok/" + partner.id());
        String rebound = "http://127.0.0.2:" + server.actualPort() + "/rebound/" + partner.id();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://" + EmbeddedServers.pgHost()
                + ":" + EmbeddedServers.pgPort() + "/gateway", "postgres", EmbeddedServers.pgPassword());
             java.sql.PreparedStatement update = c.prepareStatement("update partner set webhook_url = ? where id = ?")) {
            update.setString(1, rebound);
            update.setString(2, partner.id());
            assertThat(update.executeUpdate()).isEqualTo(1);
        }

        confirm(partner, "PO-W9");
        Map<String, Object> refused = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(25))
                .until(() -> pull(partner), docs -> docs.size() == 1 && "FAILING".equals(push(docs.get(0)).get("status")))
                .get(0);
        assertThat((String) push(refused).get("lastError")).contains("refused at push time").contains("127.0.0.2");
        assertThat(push(refused).get("httpStatus")).isNull();
        assertThat(PUSHES).noneMatch(p -> p.path().contains(partner.id()));
        assertThat(given().when().get("/q/metrics").then().statusCode(200).extract().asString())
                .contains("tradeflow_gateway_webhook_deliveries_total{outcome=\"refused\",partner=\"" + partner.id());
    }

    // ---- helpers

    static String url(String path) {
        return "http://127.0.0.1:" + server.actualPort() + path;
    }

    static List<Push> pushesTo(String path) {
        return PUSHES.stream().filter(p -> p.path().equals(path)).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> push(Map<String, Object> document) {
        Object push = document.get("push");
        return push == null ? Map.of() : (Map<String, Object>) push;
    }

    static String hmac(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    static void register(TestPartner partner, String path) {
        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("url", url(path)))
                .when().put("/api/v1/partners/" + partner.id() + "/webhook")
                .then().statusCode(200).body("signed", equalTo(false));
    }

    static TestPartner onboard() {
        String id = "w" + UUID.randomUUID().toString().substring(0, 8);
        String sender = id.toUpperCase();
        String apiKey = given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(PartnerGatewayTest.profile(id, sender, "997", 1000))
                .when().post("/api/v1/partners").then().statusCode(201).extract().path("apiKey");
        return new TestPartner(id, sender, apiKey);
    }

    /** The partner's 850 for the PO, then the orchestrator's CONFIRMED (played by the test): one 855 out. */
    void confirm(TestPartner partner, String po) {
        String x12 = Fixtures.x12("850-purchase-order.x12", partner.sender(), CONTROL.incrementAndGet(), po);
        given().header("X-API-Key", partner.apiKey()).contentType("application/edi-x12")
                .body(x12.getBytes(StandardCharsets.ISO_8859_1))
                .when().post("/api/v1/partners/" + partner.id() + "/documents")
                .then().statusCode(200).header("X-Outcome", "ACCEPTED");
        publish(new OrderLifecycleChanged("O-" + partner.id() + "-" + po, 2,
                "C-" + partner.id(), "partner", po, OrderState.CONFIRMED, OrderState.SUBMITTED, "test",
                OffsetDateTime.now(), "USD", List.of(new LifecycleLine(1, "SKU-100", new BigDecimal("10"), "EA",
                Money.of("5.25", "USD"), null, new BigDecimal("10"), BigDecimal.ZERO)), "ERP-" + po, null, null,
                new PartnerRef(partner.id(), null, null, null)));
    }

    /** The orchestrator's transition, played by the test. */
    void publish(OrderLifecycleChanged change) {
        CloudEvent event = CloudEvent.of("/tradeflow/order-orchestrator", CloudEventTypes.ORDER_LIFECYCLE,
                change.orderId(), "corr-" + change.customerPoNumber(), Json.write(change));
        kafka.produceStrings().fromRecords(new ProducerRecord<>(Topics.ORDERS_LIFECYCLE, null, change.orderId(),
                event.data(), KafkaCloudEvents.headers(event))).awaitCompletion(Duration.ofSeconds(10));
    }

    static List<Map<String, Object>> pull(TestPartner partner) {
        return given().header("X-API-Key", partner.apiKey())
                .when().get("/api/v1/partners/" + partner.id() + "/documents?direction=outbound&since=0")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    static String admin() {
        return TestTokens.forRole("partner-admin");
    }
}
