package io.tradeflow.inventory;

import static io.tradeflow.inventory.InventoryApi.location;
import static io.tradeflow.inventory.InventoryApi.movement;
import static io.tradeflow.inventory.InventoryApi.reserve;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.events.KafkaCloudEvents;
import io.tradeflow.contracts.events.Topics;
import io.tradeflow.testinfra.EmbeddedServers;
import io.tradeflow.testinfra.PassingDatabaseFailures;
import io.tradeflow.testinfra.TestTokens;
import io.tradeflow.testinfra.TradeflowTestResource;

/** ERP snapshots become a drift report (never an overwrite), and stock can be rebuilt from the log. */
@QuarkusTest
@QuarkusTestResource(value = TradeflowTestResource.class, initArgs = @ResourceArg(name = "db", value = "inventory"))
class ReconciliationTest {

    @Test
    void anErpSnapshotThatDisagreesProducesADriftReportAccountingForLaterMovements() {
        String sku = "REC-" + UUID.randomUUID();
        String unknownToUs = "ERP-ONLY-" + UUID.randomUUID();
        String location = "DC-REC-" + UUID.randomUUID().toString().substring(0, 8);
        location(location, "\"storefront\"", 0);
        OffsetDateTime now = OffsetDateTime.now();
        movement("{\"sku\":\"" + sku + "\",\"location\":\"" + location + "\",\"type\":\"RECEIPT\",\"quantity\":10,"
                + "\"occurredAt\":\"" + now.minusMinutes(10) + "\"}").statusCode(202);
        movement("{\"sku\":\"" + sku + "\",\"location\":\"" + location + "\",\"type\":\"RECEIPT\",\"quantity\":5,"
                + "\"occurredAt\":\"" + now + "\"}").statusCode(202);
        reserve("rec-" + sku, "ALL_OR_NOTHING", sku, 3).statusCode(201);

        String snapshot = "{\"snapshotId\":\"snap-" + sku + "\",\"location\":\"" + location + "\",\"takenAt\":\""
                + now.minusMinutes(5) + "\",\"lines\":[{\"sku\":\"" + sku + "\",\"onHand\":12},{\"sku\":\""
                + unknownToUs + "\",\"onHand\":4}]}";
        CloudEvent event = CloudEvent.of("/erp/test", "tradeflow.erp.inventory-snapshot.v1", location, "corr", snapshot);
        EmbeddedServers.kafkaCompanion().produceStrings().fromRecords(new ProducerRecord<>(
                Topics.ERP_INVENTORY_SNAPSHOTS, null, location, snapshot, KafkaCloudEvents.headers(event)))
                .awaitCompletion(Duration.ofSeconds(10));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(TestTokens.forRole("operations"))
                .when().get("/api/v1/reconciliation/latest").then().statusCode(200)
                .body("find { it.location == '" + location + "' }.drifting", equalTo(2))
                .body("find { it.location == '" + location + "' }.lines.find { it.sku == '" + sku + "' }.drift",
                        equalTo(2))
                .body("find { it.location == '" + location + "' }.lines.find { it.sku == '" + sku + "' }.movedSince",
                        equalTo(5))
                .body("find { it.location == '" + location + "' }.lines.find { it.sku == '" + unknownToUs
                        + "' }.drift", equalTo(4)));
        InventoryApi.availability(sku, "storefront").body("onHand", equalTo(15));
    }

    @Test
    void anErpSnapshotThatMeetsADatabaseFailureThatPassesIsReconciledNotDeadLettered() {
        String sku = "RECT-" + UUID.randomUUID();
        String location = "DC-RECT-" + UUID.randomUUID().toString().substring(0, 8);
        location(location, "\"storefront\"", 0);
        InventoryApi.receive(sku, location, 7);
        String snapshot = "{\"snapshotId\":\"snap-" + sku + "\",\"location\":\"" + location + "\",\"takenAt\":\""
                + OffsetDateTime.now() + "\",\"lines\":[{\"sku\":\"" + sku + "\",\"onHand\":9}]}";
        CloudEvent event = CloudEvent.of("/erp/test", "tradeflow.erp.inventory-snapshot.v1", location, "corr", snapshot);
        try (PassingDatabaseFailures failures = PassingDatabaseFailures.failFirstDeliveries("inventory", event.id(), 2)) {
            EmbeddedServers.kafkaCompanion().produceStrings().fromRecords(new ProducerRecord<>(
                    Topics.ERP_INVENTORY_SNAPSHOTS, null, location, snapshot, KafkaCloudEvents.headers(event)))
                    .awaitCompletion(Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth()
                    .oauth2(TestTokens.forRole("operations")).when().get("/api/v1/reconciliation/latest").then()
                    .statusCode(200)
                    .body("find { it.location == '" + location + "' }.lines.find { it.sku == '" + sku + "' }.drift",
                            equalTo(2)));
            org.assertj.core.api.Assertions.assertThat(failures.attempts()).isEqualTo(3);
        }
    }

    @Test
    void rebuildingFromTheMovementLogAndOpenReservationsMatchesTheStoredStock() {
        String sku = "REB-" + UUID.randomUUID();
        location("DC-REB", "\"storefront\"", 0);
        location("DC-REB2", "\"storefront\"", 0);
        InventoryApi.receive(sku, "DC-REB", 30);
        movement("{\"sku\":\"" + sku + "\",\"location\":\"DC-REB\",\"type\":\"TRANSFER\",\"quantity\":10,"
                + "\"toLocation\":\"DC-REB2\"}").statusCode(202);
        reserve("reb-a-" + sku, "ALL_OR_NOTHING", sku, 4).statusCode(201);
        reserve("reb-b-" + sku, "ALL_OR_NOTHING", sku, 2).statusCode(201);
        given().auth().oauth2(TestTokens.forRole("service")).when().post("/api/v1/reservations/reb-a-" + sku + "/commit")
                .then().statusCode(200);

        given().auth().oauth2(TestTokens.forRole("operations")).when().post("/api/v1/stock/rebuild")
                .then().statusCode(200).body("differences", empty());
    }
}
