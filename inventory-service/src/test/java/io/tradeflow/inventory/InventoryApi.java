package io.tradeflow.inventory;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.tradeflow.testinfra.TestTokens;

/** What tests do through the public API, as operations or a calling service would. */
final class InventoryApi {

    static void location(String id, String channels, int safetyStock) {
        given().auth().oauth2(TestTokens.forRole("operations")).contentType(ContentType.JSON)
                .body("{\"name\":\"" + id + "\",\"channels\":[" + channels + "],\"safetyStock\":" + safetyStock + "}")
                .when().put("/api/v1/locations/" + id).then().statusCode(200);
    }

    static ValidatableResponse movement(String json) {
        return given().auth().oauth2(TestTokens.forRole("service")).header("Idempotency-Key", UUID.randomUUID().toString())
                .contentType(ContentType.JSON).body(json).when().post("/api/v1/movements").then();
    }

    static void receive(String sku, String location, int quantity) {
        movement("{\"sku\":\"" + sku + "\",\"location\":\"" + location + "\",\"type\":\"RECEIPT\",\"quantity\":"
                + quantity + "}").statusCode(202);
    }

    static ValidatableResponse availability(String sku, String channel) {
        return given().auth().oauth2(TestTokens.forRole("storefront"))
                .when().get("/api/v1/availability/" + sku + "?channel=" + channel).then().statusCode(200);
    }

    static ValidatableResponse reserve(String reservationId, String policy, String sku, int quantity) {
        return given().auth().oauth2(TestTokens.forRole("service")).contentType(ContentType.JSON)
                .body("{\"reservationId\":\"" + reservationId + "\",\"orderId\":\"O-" + reservationId
                        + "\",\"channel\":\"storefront\",\"policy\":\"" + policy + "\",\"ttlSeconds\":600,"
                        + "\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + "}]}")
                .when().post("/api/v1/reservations").then();
    }

    private InventoryApi() {
    }
}
