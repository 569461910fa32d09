package io.tradeflow.inventory;

import static io.tradeflow.inventory.InventoryApi.availability;
import static io.tradeflow.inventory.InventoryApi.location;
import static io.tradeflow.inventory.InventoryApi.receive;
import static io.tradeflow.inventory.InventoryApi.reserve;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tradeflow.testinfra.TestTokens;
import io.tradeflow.testinfra.TradeflowTestResource;

/** Reservations hold stock for orders and never oversell, however many orders race for the last units. */
@QuarkusTest
@QuarkusTestResource(value = TradeflowTestResource.class, initArgs = @ResourceArg(name = "db", value = "inventory"))
class ReservationsTest {
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void twoHundredConcurrentOrdersForTheLastFiftyUnitsHoldExactlyFifty() throws Exception {
        String sku = "LAST-" + UUID.randomUUID();
        location("DC-RACE", "\"storefront\"", 0);
        receive(sku, "DC-RACE", 50);

        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Callable<Integer>> orders = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String id = "race-" + sku + "-" + i;
            orders.add(() -> reserve(id, "ALL_OR_NOTHING", sku, 1).extract().statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : pool.invokeAll(orders)) {
            statuses.add(answer.get());
        }
        pool.shutdown();

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(50);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(150);
        assertThat(heldInDatabase(sku)).isEqualByComparingTo("50");
        availability(sku, "storefront").body("available", equalTo(0)).body("reserved", equalTo(50));
    }

    @Test
    void allOrNothingShortfallIsA409WithTheShortfallAndHoldsNothingWhilePartialBackordersTheRest() {
        String sku = "SHORT-" + UUID.randomUUID();
        location("DC-S", "\"storefront\"", 0);
        receive(sku, "DC-S", 8);

        reserve("aon-" + sku, "ALL_OR_NOTHING", sku, 10).statusCode(409)
                .contentType("application/problem+json").body("type", endsWith("insufficient-stock"))
                .body("shortfall[0].shortfall", equalTo(2));
        availability(sku, "storefront").body("available", equalTo(8));
        reserve("aon-" + sku, "ALL_OR_NOTHING", sku, 10).statusCode(409);

        reserve("partial-" + sku, "PARTIAL", sku, 10).statusCode(201).body("status", equalTo("PARTIALLY_HELD"))
                .body("lines[0].reserved", equalTo(8)).body("lines[0].backordered", equalTo(2));
        reserve("partial-" + sku, "PARTIAL", sku, 10).statusCode(201).body("lines[0].reserved", equalTo(8));
        availability(sku, "storefront").body("available", equalTo(0));
    }

    @Test
    void commitShipsTheGoodsAndReleaseGivesThemBack() {
        String sku = "SHIP-" + UUID.randomUUID();
        location("DC-SHIP", "\"storefront\"", 0);
        receive(sku, "DC-SHIP", 10);
        reserve("ship-" + sku, "ALL_OR_NOTHING", sku, 4).statusCode(201);
        reserve("back-" + sku, "ALL_OR_NOTHING", sku, 3).statusCode(201);

        as("service").post("/api/v1/reservations/ship-" + sku + "/commit").then().statusCode(200)
                .body("status", equalTo("COMMITTED"));
        as("service").delete("/api/v1/reservations/back-" + sku).then().statusCode(200)
                .body("status", equalTo("RELEASED"));
        as("service").delete("/api/v1/reservations/ship-" + sku).then().statusCode(409);

        availability(sku, "storefront").body("onHand", equalTo(6)).body("reserved", equalTo(0))
                .body("available", equalTo(6));
    }

    @Test
    void anOrderShippedInPartsFromTwoWarehousesCommitsEachShipmentOnceAndABackorderBeyondTheHoldLeavesFreeStock() {
        String sku = "SPLIT-" + UUID.randomUUID();
        location("DC-SPLIT-A", "\"storefront\"", 0);
        location("DC-SPLIT-B", "\"storefront\"", 0);
        receive(sku, "DC-SPLIT-A", 3);
        receive(sku, "DC-SPLIT-B", 4);
        String id = "split-" + sku;
        reserve(id, "PARTIAL", sku, 9).statusCode(201).body("lines[0].reserved", equalTo(7))
                .body("lines[0].backordered", equalTo(2));

        shipment(id, "S1", "DC-SPLIT-A", sku, 3).statusCode(200).body("status", equalTo("PARTIALLY_HELD"))
                .body("lines[0].shipped", equalTo(3));
        shipment(id, "S1", "DC-SPLIT-A", sku, 3).statusCode(200).body("lines[0].shipped", equalTo(3));
        availability(sku, "storefront").body("onHand", equalTo(4)).body("reserved", equalTo(4))
                .body("available", equalTo(0));

        // The two backordered units arrive at B and leave with the rest of B's hold.
        receive(sku, "DC-SPLIT-B", 5);
        shipment(id, "S2", "DC-SPLIT-B", sku, 6).statusCode(200).body("status", equalTo("COMMITTED"))
                .body("lines[0].shipped", equalTo(9));
        availability(sku, "storefront").body("onHand", equalTo(3)).body("reserved", equalTo(0))
                .body("available", equalTo(3));

        shipment(id, "S3", "DC-SPLIT-B", sku, 10).statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("shipment-exceeds-stock"));
        availability(sku, "storefront").body("onHand", equalTo(3));
        given().auth().oauth2(TestTokens.forRole("operations")).when().post("/api/v1/stock/rebuild")
                .then().statusCode(200).body("differences.findAll { it.sku == '" + sku + "' }", org.hamcrest.Matchers.empty());
    }

    @Test
    void goodsHeldAtOneWarehouseButShippedFromAnotherLeaveTheShippingOneAndFreeTheHold() {
        String sku = "SPLITMOVE-" + UUID.randomUUID();
        location("DC-MOVE-A", "\"storefront\"", 0);
        location("DC-MOVE-B", "\"storefront\"", 0);
        receive(sku, "DC-MOVE-A", 5);
        String id = "splitmove-" + sku;
        reserve(id, "ALL_OR_NOTHING", sku, 4).statusCode(201);
        // B got stock later and the WMS picked the order there instead.
        receive(sku, "DC-MOVE-B", 6);
        shipment(id, "S1", "DC-MOVE-B", sku, 4).statusCode(200).body("status", equalTo("COMMITTED"));
        var view = availability(sku, "storefront").body("onHand", equalTo(7)).body("reserved", equalTo(0))
                .extract().jsonPath();
        assertThat(view.getInt("locations.find { it.location == 'DC-MOVE-A' }.onHand")).isEqualTo(5);
        assertThat(view.getInt("locations.find { it.location == 'DC-MOVE-B' }.onHand")).isEqualTo(2);
        // B had no more than 2 left unreserved: a shipment of 3 more from B is refused whatever A holds.
        String other = "splitmove2-" + sku;
        reserve(other, "ALL_OR_NOTHING", sku, 3).statusCode(201);
        shipment(other, "S2", "DC-MOVE-B", sku, 3).statusCode(409).body("type", endsWith("shipment-exceeds-stock"));
        given().auth().oauth2(TestTokens.forRole("operations")).when().post("/api/v1/stock/rebuild")
                .then().statusCode(200).body("differences.findAll { it.sku == '" + sku + "' }", org.hamcrest.Matchers.empty());
    }

    @Test
    void whatAPartShipmentLeftHeldIsGivenBackOnReleaseAndAShipmentMustNameItsLines() {
        String sku = "SPLITREL-" + UUID.randomUUID();
        location("DC-SPLITREL", "\"storefront\"", 0);
        receive(sku, "DC-SPLITREL", 10);
        String id = "splitrel-" + sku;
        reserve(id, "ALL_OR_NOTHING", sku, 6).statusCode(201);
        shipment(id, "S1", null, sku, 2).statusCode(200).body("status", equalTo("HELD"));
        as("service").delete("/api/v1/reservations/" + id).then().statusCode(200).body("status", equalTo("RELEASED"));
        availability(sku, "storefront").body("onHand", equalTo(8)).body("reserved", equalTo(0))
                .body("available", equalTo(8));
        shipment(id, "S2", null, sku, 1).statusCode(409).body("type", endsWith("reservation-released"));

        given().auth().oauth2(TestTokens.forRole("service")).contentType(ContentType.JSON)
                .body("{\"shipmentId\":\"S9\",\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":0}]}")
                .when().post("/api/v1/reservations/" + id + "/commit").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("lines[0].quantity"));
        given().auth().oauth2(TestTokens.forRole("service")).contentType(ContentType.JSON)
                .body("{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}]}")
                .when().post("/api/v1/reservations/" + id + "/commit").then().statusCode(400)
                .body("errors[0].field", equalTo("shipmentId"));
    }

    @Test
    void aShipmentReportedAfterTheWholeHoldWasCommittedTakesNothingMore() {
        String sku = "SPLITLATE-" + UUID.randomUUID();
        location("DC-SPLITLATE", "\"storefront\"", 0);
        receive(sku, "DC-SPLITLATE", 10);
        String id = "splitlate-" + sku;
        reserve(id, "ALL_OR_NOTHING", sku, 4).statusCode(201);
        // A delivery that overtook its shipment had the whole hold committed; the shipment's own report follows.
        as("service").post("/api/v1/reservations/" + id + "/commit").then().statusCode(200)
                .body("status", equalTo("COMMITTED"));
        shipment(id, "S1", "DC-SPLITLATE", sku, 4).statusCode(200).body("status", equalTo("COMMITTED"));
        availability(sku, "storefront").body("onHand", equalTo(6)).body("available", equalTo(6));
    }

    private static io.restassured.response.ValidatableResponse shipment(String reservationId, String shipmentId,
                                                                        String location, String sku, int quantity) {
        return given().auth().oauth2(TestTokens.forRole("service")).contentType(ContentType.JSON)
                .body("{\"shipmentId\":\"" + shipmentId + "\"" + (location == null ? "" : ",\"location\":\"" + location + "\"")
                        + ",\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}]}")
                .when().post("/api/v1/reservations/" + reservationId + "/commit").then();
    }

    @Test
    void anExpiredHoldReleasesItself() {
        String sku = "TTL-" + UUID.randomUUID();
        location("DC-TTL", "\"storefront\"", 0);
        receive(sku, "DC-TTL", 5);
        given().auth().oauth2(TestTokens.forRole("service")).contentType(ContentType.JSON)
                .body("{\"reservationId\":\"ttl-" + sku + "\",\"orderId\":\"O\",\"channel\":\"storefront\","
                        + "\"policy\":\"ALL_OR_NOTHING\",\"ttlSeconds\":1,\"lines\":[{\"sku\":\"" + sku
                        + "\",\"quantity\":5}]}")
                .when().post("/api/v1/reservations").then().statusCode(201);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                availability(sku, "storefront").body("available", equalTo(5)));
    }

    @Test
    void aRenewedHoldOutlivesItsFirstTimeToLiveAndOnlyAHoldCanBeRenewed() throws Exception {
        String sku = "RENEW-" + UUID.randomUUID();
        location("DC-TTL", "\"storefront\"", 0);
        receive(sku, "DC-TTL", 5);
        String id = "renew-" + sku;
        given().auth().oauth2(TestTokens.forRole("service")).contentType(ContentType.JSON)
                .body("{\"reservationId\":\"" + id + "\",\"orderId\":\"O\",\"channel\":\"storefront\","
                        + "\"policy\":\"ALL_OR_NOTHING\",\"ttlSeconds\":2,\"lines\":[{\"sku\":\"" + sku
                        + "\",\"quantity\":5}]}")
                .when().post("/api/v1/reservations").then().statusCode(201);
        String renewed = renew(id, 3600).statusCode(200).body("status", equalTo("HELD"))
                .extract().path("expiresAt");
        assertThat(java.time.OffsetDateTime.parse(renewed))
                .isAfter(java.time.OffsetDateTime.now().plusMinutes(59));
        // A shorter renewal never brings the expiry forward.
        assertThat(java.time.OffsetDateTime.parse(renew(id, 1).statusCode(200).extract().path("expiresAt")))
                .isEqualTo(java.time.OffsetDateTime.parse(renewed));

        // Well past the first time to live (and several runs of the expiry job), the goods are still held.
        Thread.sleep(5_000);
        availability(sku, "storefront").body("available", equalTo(0)).body("reserved", equalTo(5));
        assertThat(heldInDatabase(sku)).isEqualByComparingTo("5");

        given().auth().oauth2(TestTokens.forRole("service")).when().delete("/api/v1/reservations/" + id)
                .then().statusCode(200);
        renew(id, 3600).statusCode(409).contentType("application/problem+json")
                .body("type", endsWith("reservation-released"));
        renew("no-such-hold", 3600).statusCode(404);
        renew(id, 604801).statusCode(400).body("errors[0].field", equalTo("ttlSeconds"));
    }

    private static io.restassured.response.ValidatableResponse renew(String id, int ttlSeconds) {
        return given().auth().oauth2(TestTokens.forRole("service")).contentType(ContentType.JSON)
                .body("{\"ttlSeconds\":" + ttlSeconds + "}")
                .when().post("/api/v1/reservations/" + id + "/renewal").then();
    }

    @Test
    void reservationsNeedAServiceOrOperationsTokenAndValidLines() {
        given().auth().oauth2(TestTokens.forRole("storefront")).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/reservations").then().statusCode(403);
        given().auth().oauth2(TestTokens.forRole("service")).contentType(ContentType.JSON)
                .body("{\"reservationId\":\"r\",\"orderId\":\"o\",\"channel\":\"storefront\",\"policy\":\"ALL_OR_NOTHING\","
                        + "\"lines\":[{\"sku\":\"A\",\"quantity\":0}]}")
                .when().post("/api/v1/reservations").then().statusCode(400)
                .body("errors[0].field", equalTo("lines[0].quantity"));
    }

    private static io.restassured.specification.RequestSpecification as(String role) {
        return given().auth().oauth2(TestTokens.forRole(role)).when();
    }

    private BigDecimal heldInDatabase(String sku) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             ResultSet rs = c.createStatement().executeQuery(
                     "select coalesce(sum(reserved), 0), (select coalesce(sum(quantity), 0) from reservation_allocation "
                             + "where sku = '" + sku + "') from stock_level where sku = '" + sku + "'")) {
            rs.next();
            assertThat(rs.getBigDecimal(1)).isEqualByComparingTo(rs.getBigDecimal(2));
            return rs.getBigDecimal(1);
        }
    }
}
