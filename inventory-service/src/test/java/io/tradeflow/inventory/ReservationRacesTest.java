package io.tradeflow.inventory;

import static io.restassured.RestAssured.given;
import static io.tradeflow.inventory.InventoryApi.availability;
import static io.tradeflow.inventory.InventoryApi.location;
import static io.tradeflow.inventory.InventoryApi.receive;
import static io.tradeflow.inventory.InventoryApi.reserve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tradeflow.testinfra.TestTokens;
import io.tradeflow.testinfra.TradeflowTestResource;

/**
 * Callers retry: an orchestrator that timed out sends the same release, commit or reservation again while
 * the first is still running, and the expiry job can end a hold while its order commits. Each hold must
 * still end exactly once, or reserved goes negative and the storefront is promised stock that is not there.
 */
@QuarkusTest
@QuarkusTestResource(value = TradeflowTestResource.class, initArgs = @ResourceArg(name = "db", value = "inventory"))
class ReservationRacesTest {

    @Test
    void twentyConcurrentReleasesOfOneHoldGiveItsUnitsBackOnce() throws Exception {
        String sku = "REL-" + UUID.randomUUID();
        location("DC-RACES", "\"storefront\"", 0);
        receive(sku, "DC-RACES", 100);
        reserve("rel-" + sku, "ALL_OR_NOTHING", sku, 10).statusCode(201);

        List<Integer> statuses = concurrently(20, () -> given().auth().oauth2(TestTokens.forRole("service"))
                .delete("/api/v1/reservations/rel-" + sku).then().extract().statusCode());

        assertThat(statuses).containsOnly(200);
        availability(sku, "storefront").body("reserved", equalTo(0)).body("available", equalTo(100));
    }

    @Test
    void tenConcurrentCommitsOfOneHoldShipItOnce() throws Exception {
        String sku = "COM-" + UUID.randomUUID();
        location("DC-RACES", "\"storefront\"", 0);
        receive(sku, "DC-RACES", 100);
        reserve("com-" + sku, "ALL_OR_NOTHING", sku, 10).statusCode(201);

        List<Integer> statuses = concurrently(10, () -> given().auth().oauth2(TestTokens.forRole("service"))
                .post("/api/v1/reservations/com-" + sku + "/commit").then().extract().statusCode());

        assertThat(statuses).containsOnly(200);
        availability(sku, "storefront").body("onHand", equalTo(90)).body("reserved", equalTo(0))
                .body("available", equalTo(90));
    }

    @Test
    void theSameReservationSentTwentyTimesAtOnceHoldsOnceAndAnswersAlike() throws Exception {
        String sku = "DUP-" + UUID.randomUUID();
        location("DC-RACES", "\"storefront\"", 0);
        receive(sku, "DC-RACES", 100);

        List<Integer> statuses = concurrently(20, () -> reserve("dup-" + sku, "ALL_OR_NOTHING", sku, 5)
                .extract().statusCode());

        assertThat(statuses).containsOnly(201);
        availability(sku, "storefront").body("reserved", equalTo(5)).body("available", equalTo(95));
    }

    private static List<Integer> concurrently(int callers, Callable<Integer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : pool.invokeAll(java.util.Collections.nCopies(callers, call))) {
                statuses.add(answer.get());
            }
            return statuses;
        } finally {
            pool.shutdown();
        }
    }
}
