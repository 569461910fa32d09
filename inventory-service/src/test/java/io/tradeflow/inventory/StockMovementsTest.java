package io.tradeflow.inventory;

import static io.tradeflow.inventory.InventoryApi.availability;
import static io.tradeflow.inventory.InventoryApi.location;
import static io.tradeflow.inventory.InventoryApi.movement;
import static io.tradeflow.inventory.InventoryApi.receive;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.events.KafkaCloudEvents;
import io.tradeflow.contracts.events.Topics;
import io.tradeflow.contracts.inventory.AvailabilityChanged;
import io.tradeflow.contracts.json.Json;
import io.tradeflow.testinfra.EmbeddedServers;
import io.tradeflow.testinfra.TestTokens;
import io.tradeflow.testinfra.TradeflowTestResource;

/** Warehouse movements change stock and availability per channel, exactly once, and bad ones are dead-lettered. */
@QuarkusTest
@QuarkusTestResource(value = TradeflowTestResource.class, initArgs = @ResourceArg(name = "db", value = "inventory"))
class StockMovementsTest {
    final KafkaCompanion kafka = EmbeddedServers.kafkaCompanion();

    @Test
    void availabilityPerChannelSumsOnlyTheLocationsServingItAndSubtractsSafetyReservedAndHolds() {
        String sku = "SKU-" + UUID.randomUUID();
        location("DC-EAST", "\"storefront\",\"crm\"", 2);
        location("STORE-9", "\"crm\"", 0);
        receive(sku, "DC-EAST", 20);
        receive(sku, "STORE-9", 5);
        movement("{\"sku\":\"" + sku + "\",\"location\":\"DC-EAST\",\"type\":\"ADJUSTMENT\",\"quantity\":3,"
                + "\"reason\":\"DAMAGED\"}").statusCode(202);

        availability(sku, "storefront").body("available", equalTo(15)).body("onHand", equalTo(20))
                .body("locations.location", equalTo(List.of("DC-EAST")));
        availability(sku, "crm").body("available", equalTo(20)).body("onHand", equalTo(25));
        availability(sku, "partner").body("available", equalTo(0));
    }

    @Test
    void picksTransfersAndCycleCountsMoveStockAndACountThatSurprisesTheWarehouseIsAVariance() {
        String sku = "SKU-" + UUID.randomUUID();
        location("DC-A", "\"storefront\"", 0);
        location("DC-B", "\"storefront\"", 0);
        receive(sku, "DC-A", 50);
        movement("{\"sku\":\"" + sku + "\",\"location\":\"DC-A\",\"type\":\"PICK\",\"quantity\":5}").statusCode(202);
        movement("{\"sku\":\"" + sku + "\",\"location\":\"DC-A\",\"type\":\"TRANSFER\",\"quantity\":10,"
                + "\"toLocation\":\"DC-B\"}").statusCode(202);
        movement("{\"sku\":\"" + sku + "\",\"location\":\"DC-A\",\"type\":\"CYCLE_COUNT\",\"quantity\":33,"
                + "\"expectedQuantity\":36}").statusCode(202);

        availability(sku, "storefront").body("onHand", equalTo(43));
        given().auth().oauth2(TestTokens.forRole("operations")).when().get("/api/v1/count-variances?sku=" + sku)
                .then().statusCode(200).body("[0].expected", equalTo(36)).body("[0].counted", equalTo(33))
                .body("[0].recorded", equalTo(35));
    }

    @Test
    void aBatchIsAppliedOnceEvenWhenSentTwice() {
        String sku = "SKU-" + UUID.randomUUID();
        location("DC-C", "\"storefront\"", 0);
        String batch = "[{\"sku\":\"" + sku + "\",\"location\":\"DC-C\",\"type\":\"RECEIPT\",\"quantity\":4},"
                + "{\"sku\":\"" + sku + "\",\"location\":\"DC-C\",\"type\":\"RECEIPT\",\"quantity\":6}]";
        for (boolean applied : new boolean[] {true, false}) {
            given().auth().oauth2(TestTokens.forRole("service")).header("Idempotency-Key", "batch-" + sku)
                    .contentType("application/json").body(batch).when().post("/api/v1/movements")
                    .then().statusCode(202).body("applied", equalTo(List.of(applied, applied)));
        }
        availability(sku, "storefront").body("onHand", equalTo(10));
        // The same key for other quantities is not a repeat: refused, so the warehouse sees its bug, and not applied.
        given().auth().oauth2(TestTokens.forRole("service")).header("Idempotency-Key", "batch-" + sku)
                .contentType("application/json").body(batch.replace("\"quantity\":6", "\"quantity\":60"))
                .when().post("/api/v1/movements").then().statusCode(409).contentType("application/problem+json")
                .body("type", containsString("idempotency-key-reused"));
        availability(sku, "storefront").body("onHand", equalTo(10));
    }

    @Test
    void invalidRestMovementsAre400sNamingTheField() {
        location("DC-D", "\"storefront\"", 0);
        movement("{\"sku\":\"X\",\"location\":\"NOWHERE\",\"type\":\"RECEIPT\",\"quantity\":1}").statusCode(400)
                .body("errors.field", hasItem("location"));
        movement("{\"sku\":\"X\",\"location\":\"DC-D\",\"type\":\"TELEPORT\",\"quantity\":1}").statusCode(400)
                .body("errors.field", hasItem("type"));
        movement("{\"sku\":\"X\",\"location\":\"DC-D\",\"type\":\"RECEIPT\",\"quantity\":-1}").statusCode(400)
                .body("errors.field", hasItem("quantity"));
    }

    @Test
    void valuesTheDatabaseCannotHoldAre400sNamingTheFieldAndChangeNoStock() {
        String sku = "SKU-" + UUID.randomUUID();
        location("DC-V", "\"storefront\"", 0);
        receive(sku, "DC-V", 3);
        movement("{\"sku\":\"" + sku + "\",\"location\":\"DC-V\",\"type\":\"RECEIPT\",\"quantity\":1e400}")
                .statusCode(400).body("errors.field", hasItem("quantity"))
                .body("detail", containsString("10^15"));
        movement("{\"sku\":\"" + sku + "\",\"location\":\"DC-V\",\"type\":\"RECEIPT\",\"quantity\":1e-100000}")
                .statusCode(400).body("errors.field", hasItem("quantity"));
        movement("{\"sku\":\"A\\u0000B\",\"location\":\"DC-V\",\"type\":\"RECEIPT\",\"quantity\":1}")
                .statusCode(400).body("errors.field", hasItem("sku")).body("detail", containsString("NUL"));
        movement("{\"sku\":\"" + "S".repeat(65) + "\",\"location\":\"DC-V\",\"type\":\"RECEIPT\",\"quantity\":1}")
                .statusCode(400).body("errors.field", hasItem("sku"));
        // A path is not JSON: a NUL in it is refused before it reaches a query, naming the path.
        given().auth().oauth2(TestTokens.forRole("storefront")).urlEncodingEnabled(false)
                .when().get("/api/v1/availability/A%00B?channel=storefront").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("path"));
        availability(sku, "storefront").body("onHand", equalTo(3));
    }

    @Test
    void kafkaMovementsApplyOnceInOrderAndPoisonOnesLandInTheDlqWithTheReason() {
        String sku = "SKU-" + UUID.randomUUID();
        location("DC-K", "\"storefront\"", 0);
        var availabilityEvents = kafka.consumeStrings().fromTopics(Topics.INVENTORY_AVAILABILITY);
        var dlq = kafka.consumeStrings().fromTopics(Topics.dlq(Topics.WMS_STOCK_MOVEMENTS));

        CloudEvent receipt = movementEvent(sku, "{\"sku\":\"" + sku + "\",\"location\":\"DC-K\",\"type\":\"RECEIPT\","
                + "\"quantity\":7,\"occurredAt\":\"" + OffsetDateTime.now() + "\"}");
        CloudEvent unknownLocation = movementEvent(sku, "{\"sku\":\"" + sku + "\",\"location\":\"MOON\","
                + "\"type\":\"RECEIPT\",\"quantity\":1}");
        CloudEvent pick = movementEvent(sku, "{\"sku\":\"" + sku + "\",\"location\":\"DC-K\",\"type\":\"PICK\","
                + "\"quantity\":2}");
        ProducerRecord<String, String> notJson = new ProducerRecord<>(Topics.WMS_STOCK_MOVEMENTS, null, sku, "{oops",
                KafkaCloudEvents.headers(movementEvent(sku, "{oops")));
        ProducerRecord<String, String> noHeaders = new ProducerRecord<>(Topics.WMS_STOCK_MOVEMENTS, sku, "{}");
        kafka.produceStrings().fromRecords(record(receipt), record(receipt), notJson, record(unknownLocation),
                noHeaders, record(pick)).awaitCompletion(Duration.ofSeconds(10));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                availability(sku, "storefront").body("onHand", equalTo(5)));
        List<ConsumerRecord<String, String>> dead = await().atMost(Duration.ofSeconds(20)).until(
                () -> dlq.getRecords().stream().filter(r -> sku.equals(r.key())).toList(), l -> l.size() == 3);
        assertThat(dead).allSatisfy(r -> assertThat(KafkaCloudEvents.get(r.headers(), "dead-letter-reason")).isNotBlank());
        assertThat(dead).anySatisfy(r -> assertThat(KafkaCloudEvents.get(r.headers(), "dead-letter-reason"))
                .contains("MOON"));
        // Operations fix and replay what the warehouse sent, so a dead letter carries the value exactly as it arrived.
        assertThat(dead).extracting(ConsumerRecord::value).contains("{oops", "{}");
        // The receipt and the pick may arrive in one poll and coalesce into one event carrying the last state;
        // either way versions rise and the last event says 5.
        List<ConsumerRecord<String, String>> events = await().atMost(Duration.ofSeconds(20)).until(
                () -> availabilityEvents.getRecords().stream().filter(r -> sku.equals(r.key())).toList(),
                l -> !l.isEmpty() && l.get(l.size() - 1).value().contains("\"available\":5"));
        assertThat(events.get(0).value()).contains("\"version\":1");
        assertThat(events.get(events.size() - 1).value()).contains("\"version\":" + events.size());
        if (events.size() == 2) {
            assertThat(events.get(0).value()).contains("\"available\":7");
        }
        availabilityEvents.stop();
        dlq.stop();
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("tradeflow_event_freshness_seconds_bucket{type=\"tradeflow.inventory.availability-changed.v1\"")
                .contains("tradeflow_inventory_movements_dead_lettered_total")
                .contains("tradeflow_inventory_movements_applied_total{type=\"RECEIPT\"}");
    }

    @Test
    void aLocationThatStopsServingAChannelRepublishesTheAvailabilityOfEverySkuItHolds() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String dc = "DC-CH-" + suffix;
        String bolts = "SKU-CH-B-" + suffix;
        String nuts = "SKU-CH-N-" + suffix;
        location(dc, "\"storefront\",\"crm\"", 0);
        receive(bolts, dc, 10);
        receive(nuts, dc, 4);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> availability(nuts, "storefront")
                .body("available", equalTo(4)));
        var events = kafka.consumeStrings().fromTopics(Topics.INVENTORY_AVAILABILITY);

        // The warehouse stops selling on the storefront and keeps one of each back.
        location(dc, "\"crm\"", 1);
        List<AvailabilityChanged> republished = await().atMost(Duration.ofSeconds(20)).until(() -> events.getRecords()
                .stream().filter(r -> bolts.equals(r.key()) || nuts.equals(r.key()))
                .map(r -> Json.read(r.value(), AvailabilityChanged.class)).filter(e -> e.version() >= 2).toList(),
                l -> l.size() >= 2);
        AvailabilityChanged boltsNow = republished.stream().filter(e -> e.sku().equals(bolts)).findFirst().orElseThrow();
        assertThat(boltsNow.version()).isEqualTo(2);
        assertThat(boltsNow.channels()).filteredOn(c -> c.channel().equals("crm"))
                .extracting(c -> c.available().intValue()).containsExactly(9);
        assertThat(boltsNow.channels()).filteredOn(c -> c.channel().equals("storefront"))
                .allSatisfy(c -> assertThat(c.available()).isZero());
        assertThat(republished).filteredOn(e -> e.sku().equals(nuts)).isNotEmpty();
        availability(bolts, "storefront").body("available", equalTo(0));
        availability(bolts, "crm").body("available", equalTo(9));

        // A movement after the change is figured with the new channels.
        receive(bolts, dc, 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> events.getRecords().stream()
                .filter(r -> bolts.equals(r.key())).map(r -> Json.read(r.value(), AvailabilityChanged.class))
                .anyMatch(e -> e.version() == 3 && e.channels().stream()
                        .anyMatch(c -> c.channel().equals("crm") && c.available().intValue() == 10)));

        // Renaming the location moves no figure: nothing is republished.
        given().auth().oauth2(TestTokens.forRole("operations")).contentType("application/json")
                .body("{\"name\":\"Renamed " + dc + "\",\"channels\":[\"crm\"],\"safetyStock\":1}")
                .when().put("/api/v1/locations/" + dc).then().statusCode(200).body("name", equalTo("Renamed " + dc));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> events.getRecords().stream()
                .filter(r -> bolts.equals(r.key())).map(r -> Json.read(r.value(), AvailabilityChanged.class))
                .noneMatch(e -> e.version() > 3));
        events.stop();

        given().auth().oauth2(TestTokens.forRole("operations")).when().get("/api/v1/locations/" + dc)
                .then().statusCode(200).body("channels", equalTo(List.of("crm"))).body("safetyStock", equalTo(1));
        given().auth().oauth2(TestTokens.forRole("operations")).when().get("/api/v1/locations")
                .then().statusCode(200).body("id", hasItem(dc));
        given().auth().oauth2(TestTokens.forRole("operations")).when().get("/api/v1/locations/NO-SUCH-DC")
                .then().statusCode(404).contentType("application/problem+json");
    }

    private static CloudEvent movementEvent(String sku, String data) {
        return CloudEvent.of("/wms/test", "tradeflow.wms.stock-movement.v1", sku, "corr-" + sku, data);
    }

    private static ProducerRecord<String, String> record(CloudEvent event) {
        return new ProducerRecord<>(Topics.WMS_STOCK_MOVEMENTS, null, event.subject(), event.data(),
                KafkaCloudEvents.headers(event));
    }
}
