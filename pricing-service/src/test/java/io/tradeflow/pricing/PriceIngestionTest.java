package io.tradeflow.pricing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.events.CloudEventTypes;
import io.tradeflow.contracts.events.KafkaCloudEvents;
import io.tradeflow.contracts.events.Topics;
import io.tradeflow.pricing.service.PromotionBoundaries;
import io.quarkus.vertx.VertxContextSupport;
import io.tradeflow.testinfra.PassingDatabaseFailures;
import io.tradeflow.testinfra.TestTokens;
import io.tradeflow.testinfra.TradeflowTestResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** erp.prices and crm.accounts over the real broker into the real database and every replica's price book. */
@QuarkusTest
@QuarkusTestResource(value = TradeflowTestResource.class, initArgs = @ResourceArg(name = "db", value = "pricing"))
class PriceIngestionTest {
    @Inject
    Pool pool;
    @Inject
    PromotionBoundaries boundaries;

    @Test
    void aNewErpPriceIsQuotedRightAfterIngestionAndAnOlderVersionNeverOverwritesIt() {
        String sku = ErpFeed.sku();
        ErpFeed.listPrice("LP-" + sku, 1, sku, "10.00");
        QuoteApiTest.awaitPrice(sku, "C", "10.00");
        ErpFeed.listPrice("LP-" + sku, 3, sku, "12.00");
        QuoteApiTest.awaitPrice(sku, "C", "12.00");

        ErpFeed.listPrice("LP-" + sku, 2, sku, "11.00");
        String marker = ErpFeed.sku();
        ErpFeed.listPrice("LP-" + marker, 1, marker, "1.00");
        QuoteApiTest.awaitPrice(marker, "C", "1.00");
        awaitStored("LP-" + marker);
        QuoteApiTest.awaitPrice(sku, "C", "12.00");
        assertThat(stored("LP-" + sku)).contains(3L);
    }

    @Test
    void aRepeatedEventHasOneEffectAndADeletionIsHonoured() {
        String sku = ErpFeed.sku();
        String eventId = UUID.randomUUID().toString();
        String v1 = "{\"erpRecordId\":\"LP-" + sku + "\",\"version\":1,\"sku\":\"" + sku
                + "\",\"price\":{\"amount\":5.00,\"currency\":\"USD\"}}";
        ErpFeed.sendAs(eventId, Topics.ERP_PRICES, CloudEventTypes.LIST_PRICE, sku, v1);
        ErpFeed.sendAs(eventId, Topics.ERP_PRICES, CloudEventTypes.LIST_PRICE, sku, v1);
        QuoteApiTest.awaitPrice(sku, "C", "5.00");
        awaitStored("LP-" + sku);
        await().atMost(ErpFeed.PATIENCE).until(() -> processed(eventId) == 1);

        ErpFeed.send(CloudEventTypes.LIST_PRICE, sku, "{\"erpRecordId\":\"LP-" + sku + "\",\"version\":2,"
                + "\"deleted\":true}");
        await().atMost(ErpFeed.PATIENCE).until(() -> given().auth().oauth2(TestTokens.forRole("crm"))
                .when().get("/api/v1/prices/" + sku + "?channel=crm&currency=USD").statusCode() == 404);
        assertThat(stored("LP-" + sku)).contains(2L);
    }

    @Test
    void anErpPriceThatMeetsADatabaseFailureThatPassesIsStoredNotDeadLettered() {
        String sku = ErpFeed.sku();
        String eventId = UUID.randomUUID().toString();
        String v1 = "{\"erpRecordId\":\"LP-" + sku + "\",\"version\":1,\"sku\":\"" + sku
                + "\",\"price\":{\"amount\":6.00,\"currency\":\"USD\"}}";
        try (PassingDatabaseFailures failures = PassingDatabaseFailures.failFirstDeliveries("pricing", eventId, 2)) {
            ErpFeed.sendAs(eventId, Topics.ERP_PRICES, CloudEventTypes.LIST_PRICE, sku, v1);
            awaitStored("LP-" + sku);
            assertThat(failures.attempts()).isEqualTo(3);
        }
        assertThat(processed(eventId)).isEqualTo(1);
    }

    @Test
    void invalidRecordsGoToTheDlqWithTheReasonAndTheConsumerKeepsGoing() {
        ConsumerTask<String, String> dlq = ErpFeed.KAFKA.consumeStrings().fromTopics(Topics.dlq(Topics.ERP_PRICES));
        String bad = ErpFeed.sku();
        String good = ErpFeed.sku();
        ErpFeed.send(CloudEventTypes.LIST_PRICE, bad, "{\"erpRecordId\":\"LP-" + bad + "\",\"version\":1,\"sku\":\""
                + bad + "\",\"price\":{\"amount\":-4,\"currency\":\"USD\"}}");
        ErpFeed.send(CloudEventTypes.TIER_PRICE, bad, "{not json");
        ErpFeed.listPrice("LP-" + good, 1, good, "4.00");
        QuoteApiTest.awaitPrice(good, "C", "4.00");
        try {
            List<ConsumerRecord<String, String>> dead = await().atMost(ErpFeed.PATIENCE).until(
                    () -> dlq.getRecords().stream().filter(r -> bad.equals(r.key())).toList(), l -> l.size() == 2);
            assertThat(dead).extracting(r -> KafkaCloudEvents.get(r.headers(), "dead-letter-reason"))
                    .anySatisfy(reason -> assertThat(reason).contains("price.amount must not be negative"))
                    .anySatisfy(reason -> assertThat(reason).contains("not a valid TierPrice"));
        } finally {
            dlq.stop();
        }
        given().auth().oauth2(TestTokens.forRole("crm")).when().get("/api/v1/prices/" + bad + "?channel=crm&currency=USD")
                .then().statusCode(404);
    }

    @Test
    void aListPriceChangeIsPublishedKeyedBySkuThroughTheOutbox() {
        ConsumerTask<String, String> changes = ErpFeed.KAFKA.consumeStrings().fromTopics(Topics.PRICING_PRICE_CHANGES);
        String sku = ErpFeed.sku();
        try {
            ErpFeed.listPrice("LP-" + sku, 1, sku, "8.00");
            ConsumerRecord<String, String> first = awaitChange(changes, sku, "8.00");
            CloudEvent event = KafkaCloudEvents.read(first.headers(), first.value());
            assertThat(event.type()).isEqualTo(CloudEventTypes.PRICE_CHANGED);
            assertThat(event.subject()).isEqualTo(sku);
            assertThat(first.value()).contains("\"channel\":\"*\"").contains("LP-" + sku);
            ErpFeed.listPrice("LP-" + sku, 2, sku, "9.00");
            assertThat(awaitChange(changes, sku, "9.00").value()).contains("\"previousPrice\":{\"amount\":8.0");
        } finally {
            changes.stop();
        }
    }

    @Test
    void thePriceChangeContinuesTheTraceAndCorrelationOfTheErpEventThatCausedIt() {
        ConsumerTask<String, String> changes = ErpFeed.KAFKA.consumeStrings().fromTopics(Topics.PRICING_PRICE_CHANGES);
        String sku = ErpFeed.sku();
        String upstreamTrace = UUID.randomUUID().toString().replace("-", "");
        try {
            String json = "{\"erpRecordId\":\"LP-" + sku + "\",\"version\":1,\"deleted\":false,\"sku\":\"" + sku
                    + "\",\"price\":{\"amount\":4.00,\"currency\":\"USD\"},\"unitOfMeasure\":\"EA\"}";
            CloudEvent erp = new CloudEvent(UUID.randomUUID().toString(), "/erp/test", CloudEventTypes.LIST_PRICE, sku,
                    java.time.OffsetDateTime.now(), "corr-erp-" + sku, "00-" + upstreamTrace + "-00f067aa0ba902b7-01", json);
            ErpFeed.KAFKA.produceStrings().fromRecords(new org.apache.kafka.clients.producer.ProducerRecord<>(
                    Topics.ERP_PRICES, null, sku, json, KafkaCloudEvents.headers(erp))).awaitCompletion(Duration.ofSeconds(10));
            CloudEvent change = KafkaCloudEvents.read(awaitChange(changes, sku, "4.00").headers(), "{}");
            assertThat(change.traceparent()).as("traceparent of the price change").contains(upstreamTrace);
            assertThat(change.correlationId()).isEqualTo("corr-erp-" + sku);
        } finally {
            changes.stop();
        }
    }

    @Test
    void aDatedPromotionStartingAndEndingIsAnnouncedByTheBoundaryCheck() throws Throwable {
        ConsumerTask<String, String> changes = ErpFeed.KAFKA.consumeStrings().fromTopics(Topics.PRICING_PRICE_CHANGES);
        String sku = ErpFeed.sku();
        ZoneId zone = ZoneId.of("America/Chicago");
        LocalDate start = LocalDate.now(zone).plusDays(30);
        try {
            ErpFeed.listPrice("LP-" + sku, 1, sku, "100.00");
            awaitChange(changes, sku, "100.00");
            ErpFeed.send(CloudEventTypes.PROMOTION, sku, "{\"erpRecordId\":\"PR-" + sku + "\",\"version\":1,"
                    + "\"promotionId\":\"SPRING-" + sku + "\",\"amountOff\":{\"amount\":15,\"currency\":\"USD\"},"
                    + "\"skus\":[\"" + sku + "\"],\"stackable\":true,\"validFrom\":\"" + start + "\",\"validTo\":\""
                    + start.plusDays(6) + "\"}");
            awaitStored("PR-" + sku);
            Instant firstDay = start.atTime(9, 0).atZone(zone).toInstant();
            assertThat(checkAt(firstDay)).isPositive();
            assertThat(awaitChange(changes, sku, "85.00").value()).contains("SPRING-" + sku);
            Instant dayAfterEnd = start.plusDays(7).atTime(0, 30).atZone(zone).toInstant();
            assertThat(checkAt(dayAfterEnd)).isPositive();
            awaitChange(changes, sku, "100.00", 2);
            assertThat(checkAt(dayAfterEnd)).isZero();
        } finally {
            changes.stop();
        }
    }

    @Test
    void crmAccountsGiveTheirTierAndAPoisonAccountGoesToTheDlq() {
        ConsumerTask<String, String> dlq = ErpFeed.KAFKA.consumeStrings().fromTopics(Topics.dlq(Topics.CRM_ACCOUNTS));
        String sku = ErpFeed.sku();
        String customer = "CUST-" + UUID.randomUUID();
        ErpFeed.listPrice("LP-" + sku, 1, sku, "10.00");
        ErpFeed.send(CloudEventTypes.TIER_PRICE, sku, "{\"erpRecordId\":\"TP-" + sku + "\",\"version\":1,"
                + "\"buyingGroup\":\"CO-OP\",\"sku\":\"" + sku + "\",\"price\":{\"amount\":9.10,\"currency\":\"USD\"}}");
        ErpFeed.sendAs(UUID.randomUUID().toString(), Topics.CRM_ACCOUNTS, CloudEventTypes.CRM_ACCOUNT, customer,
                "{\"name\":\"no id\"}");
        ErpFeed.account(customer, "BRONZE", "CO-OP");
        QuoteApiTest.awaitPrice(sku, customer, "9.10");
        try {
            ConsumerRecord<String, String> dead = await().atMost(ErpFeed.PATIENCE).until(
                    () -> dlq.getRecords().stream().filter(r -> customer.equals(r.key())).findFirst(),
                    Optional::isPresent).orElseThrow();
            assertThat(KafkaCloudEvents.get(dead.headers(), "dead-letter-reason")).contains("customerId is required");
        } finally {
            dlq.stop();
        }
    }

    private ConsumerRecord<String, String> awaitChange(ConsumerTask<String, String> changes, String sku, String price) {
        return awaitChange(changes, sku, price, 1);
    }

    /** The {@code nth} price-changed event of this SKU announcing this price. */
    private ConsumerRecord<String, String> awaitChange(ConsumerTask<String, String> changes, String sku, String price,
                                                       int nth) {
        BigDecimal expected = new BigDecimal(price);
        return await().atMost(ErpFeed.PATIENCE).until(() -> changes.getRecords().stream()
                .filter(r -> sku.equals(r.key()))
                .filter(r -> {
                    var node = readTree(r.value()).path("price").path("amount");
                    return !node.isMissingNode() && node.decimalValue().compareTo(expected) == 0;
                }).skip(nth - 1L).findFirst(), Optional::isPresent).orElseThrow();
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return io.tradeflow.contracts.json.Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The boundary check as the scheduler runs it: on a Vert.x context, which Hibernate Reactive needs. */
    private int checkAt(Instant at) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> boundaries.checkAt(at));
    }

    private void awaitStored(String erpRecordId) {
        await().atMost(ErpFeed.PATIENCE).until(() -> stored(erpRecordId).isPresent());
    }

    private Optional<Long> stored(String erpRecordId) {
        var rows = pool.preparedQuery("select version from pricing_record where erp_record_id = $1")
                .execute(Tuple.of(erpRecordId)).await().atMost(Duration.ofSeconds(5));
        return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getLong(0));
    }

    private long processed(String eventId) {
        return pool.preparedQuery("select count(*) from processed_event where event_id = $1")
                .execute(Tuple.of(eventId)).await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
    }
}
