package io.tradeflow.inventory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.events.KafkaCloudEvents;
import io.tradeflow.contracts.events.Topics;
import io.tradeflow.testinfra.EmbeddedServers;
import io.tradeflow.testinfra.TestTokens;
import io.tradeflow.testinfra.TradeflowTestResource;

/** The service's plumbing, end to end against the real broker and database. */
@QuarkusTest
@QuarkusTestResource(value = TradeflowTestResource.class, initArgs = @ResourceArg(name = "db", value = "inventory"))
class InventoryFoundationTest {
    @Inject
    InMemorySpanExporter spans;

    final KafkaCompanion kafka = EmbeddedServers.kafkaCompanion();

    @Test
    void movementOverRestIsStoredAndItsAvailabilityEventContinuesTheRequestTrace() {
        String sku = "SKU-" + UUID.randomUUID();
        createLocation("WH-T1");
        var consumer = kafka.consumeStrings().fromTopics(Topics.INVENTORY_AVAILABILITY);

        String correlation = "corr-" + UUID.randomUUID();
        given().auth().oauth2(TestTokens.forRole("service")).header("Idempotency-Key", UUID.randomUUID().toString())
                .header("X-Correlation-Id", correlation)
                .contentType(ContentType.JSON)
                .body("{\"sku\":\"" + sku + "\",\"location\":\"WH-T1\",\"type\":\"RECEIPT\",\"quantity\":12}")
                .when().post("/api/v1/movements")
                .then().statusCode(202).header("X-Correlation-Id", correlation).body("applied", equalTo(true));

        ConsumerRecord<String, String> event = awaitRecord(consumer, sku);
        CloudEvent cloudEvent = KafkaCloudEvents.read(event.headers(), event.value());
        assertThat(cloudEvent.type()).isEqualTo("tradeflow.inventory.availability-changed.v1");
        assertThat(cloudEvent.correlationId()).isEqualTo(correlation);
        assertThat(event.value()).contains("\"onHand\":12");

        String traceId = traceIdOf(cloudEvent.traceparent());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(spans.getFinishedSpanItems())
                .anySatisfy(span -> {
                    assertThat(span.getTraceId()).isEqualTo(traceId);
                    assertThat(span.getName()).contains("/api/v1/movements");
                }));
    }

    @Test
    void movementFromKafkaContinuesTheProducersTraceIntoTheAvailabilityEvent() {
        String sku = "SKU-" + UUID.randomUUID();
        createLocation("WH-T2");
        var consumer = kafka.consumeStrings().fromTopics(Topics.INVENTORY_AVAILABILITY);
        String upstreamTrace = UUID.randomUUID().toString().replace("-", "");
        CloudEvent movement = CloudEvent.of("/wms/test", "tradeflow.wms.stock-movement.v1", sku, "corr-wms",
                        "{\"sku\":\"" + sku + "\",\"location\":\"WH-T2\",\"type\":\"RECEIPT\",\"quantity\":5,"
                                + "\"occurredAt\":\"" + OffsetDateTime.now() + "\"}")
                .withTraceparent("00-" + upstreamTrace + "-00f067aa0ba902b7-01");
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.WMS_STOCK_MOVEMENTS, null, sku,
                movement.data(), KafkaCloudEvents.headers(movement));
        kafka.produceStrings().fromRecords(record).awaitCompletion(Duration.ofSeconds(10));

        ConsumerRecord<String, String> event = awaitRecord(consumer, sku);
        assertThat(traceIdOf(KafkaCloudEvents.get(event.headers(), KafkaCloudEvents.TRACEPARENT)))
                .isEqualTo(upstreamTrace);
        assertThat(KafkaCloudEvents.get(event.headers(), KafkaCloudEvents.CE_CORRELATION_ID)).isEqualTo("corr-wms");
    }

    @Test
    void aRepeatedIdempotencyKeyHasOneEffect() {
        String sku = "SKU-" + UUID.randomUUID();
        createLocation("WH-T3");
        String key = UUID.randomUUID().toString();
        for (boolean expected : new boolean[] {true, false}) {
            given().auth().oauth2(TestTokens.forRole("operations")).header("Idempotency-Key", key)
                    .contentType(ContentType.JSON)
                    .body("{\"sku\":\"" + sku + "\",\"location\":\"WH-T3\",\"type\":\"RECEIPT\",\"quantity\":3}")
                    .when().post("/api/v1/movements")
                    .then().statusCode(202).body("applied", equalTo(expected));
        }
    }

    @Test
    void requestsWithoutAValidTokenGetProblemJson401And403() {
        given().contentType(ContentType.JSON).body("{}").when().put("/api/v1/locations/X")
                .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401));
        given().auth().oauth2(TestTokens.fromWrongIssuer("operations")).contentType(ContentType.JSON).body("{}")
                .when().put("/api/v1/locations/X")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.forRole("storefront")).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"channels\":[\"storefront\"]}")
                .when().put("/api/v1/locations/X")
                .then().statusCode(403).contentType("application/problem+json").body("type", containsString("forbidden"));
    }

    @Test
    void invalidInputIsA400NamingTheField() {
        given().auth().oauth2(TestTokens.forRole("operations")).contentType(ContentType.JSON)
                .body("{\"name\":\"\",\"channels\":[\"storefront\"]}")
                .when().put("/api/v1/locations/WH-BAD")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("name"));
        given().auth().oauth2(TestTokens.forRole("operations")).contentType(ContentType.JSON)
                .header("Idempotency-Key", "k-bad")
                .body("{\"sku\":\"A\",\"location\":\"WH-T1\",\"quantity\":\"lots\"}")
                .when().post("/api/v1/movements")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("quantity"));
        given().auth().oauth2(TestTokens.forRole("operations")).contentType(ContentType.JSON)
                .body("{\"sku\":\"A\",\"location\":\"WH-T1\",\"quantity\":1}")
                .when().post("/api/v1/movements")
                .then().statusCode(400).body("errors.field", hasItem("Idempotency-Key"));
    }

    @Test
    void healthMetricsAndOpenApiAreOpen() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body(containsString("Database connections health check"));
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
        String openapi = given().when().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        assertThat(openapi).contains("/api/v1/movements").contains("bearer");
    }

    private void createLocation(String id) {
        given().auth().oauth2(TestTokens.forRole("operations")).contentType(ContentType.JSON)
                .body("{\"name\":\"Test " + id + "\",\"channels\":[\"storefront\",\"crm\"]}")
                .when().put("/api/v1/locations/" + id)
                .then().statusCode(200).body("channels", hasItem("storefront"));
    }

    static ConsumerRecord<String, String> awaitRecord(
            io.smallrye.reactive.messaging.kafka.companion.ConsumerTask<String, String> consumer, String key) {
        try {
            return await().atMost(Duration.ofSeconds(15)).until(
                    () -> consumer.getRecords().stream().filter(r -> key.equals(r.key())).findFirst(),
                    java.util.Optional::isPresent).orElseThrow();
        } finally {
            consumer.stop();
        }
    }

    private static String traceIdOf(String traceparent) {
        assertThat(traceparent).as("traceparent").isNotNull();
        return traceparent.split("-")[1];
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
