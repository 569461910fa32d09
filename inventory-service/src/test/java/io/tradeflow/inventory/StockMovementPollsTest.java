package io.tradeflow.inventory;

import static io.tradeflow.inventory.InventoryApi.availability;
import static io.tradeflow.inventory.InventoryApi.location;
import static io.tradeflow.inventory.InventoryApi.receive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.events.KafkaCloudEvents;
import io.tradeflow.contracts.events.Topics;
import io.tradeflow.contracts.inventory.MovementType;
import io.tradeflow.contracts.inventory.StockMovement;
import io.tradeflow.inventory.service.MovementEntry;
import io.tradeflow.inventory.service.MovementIntake;
import io.tradeflow.inventory.service.PostingOutcome;
import io.tradeflow.testinfra.EmbeddedServers;
import io.tradeflow.testinfra.TradeflowTestResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A Kafka poll is applied as one transaction: poison movements in it are dead-lettered without stopping the
 * valid ones, many movements of one SKU give one event with the last state, and a redelivered poll has no effect.
 */
@QuarkusTest
@QuarkusTestResource(value = TradeflowTestResource.class, initArgs = @ResourceArg(name = "db", value = "inventory"))
class StockMovementPollsTest {
    final KafkaCompanion kafka = EmbeddedServers.kafkaCompanion();

    @Inject
    MovementIntake intake;
    @Inject
    Pool pool;

    @Test
    void aPollMixingValidAndPoisonMovementsAppliesTheValidOnesAndDeadLettersEachPoisonOneWithItsReason() {
        String sku = "SKU-" + UUID.randomUUID();
        String other = "SKU-" + UUID.randomUUID();
        location("DC-P", "\"storefront\"", 0);
        var dlq = kafka.consumeStrings().fromTopics(Topics.dlq(Topics.WMS_STOCK_MOVEMENTS));
        // Accepted by every check before the database, refused by its column width: the poll's transaction fails
        // deterministically, so the consumer retries record by record and dead-letters only this one.
        String tooLongSku = "SKU-" + "X".repeat(80);

        List<ProducerRecord<String, String>> poll = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            poll.add(record(sku, receipt(sku, "DC-P", 2)));
        }
        poll.add(record(sku, "{\"sku\":\"" + sku + "\",\"location\":\"DC-P\",\"type\":\"PICK\",\"quantity\":-3}"));
        poll.add(record(sku, "{\"sku\":\"" + sku + "\",\"location\":\"DC-P\",\"type\":\"TELEPORT\",\"quantity\":1}"));
        poll.add(record(sku, "{\"sku\":\"" + sku + "\",\"location\":\"ATLANTIS\",\"type\":\"RECEIPT\",\"quantity\":1}"));
        poll.add(new ProducerRecord<>(Topics.WMS_STOCK_MOVEMENTS, sku, receipt(sku, "DC-P", 100))); // no CE headers
        poll.add(record(tooLongSku, receipt(tooLongSku, "DC-P", 1)));
        poll.add(record(sku, "{\"sku\":\"" + sku + "\",\"location\":\"DC-P\",\"type\":\"PICK\",\"quantity\":4}"));
        poll.add(record(other, receipt(other, "DC-P", 9)));
        kafka.produceStrings().fromRecords(poll).awaitCompletion(Duration.ofSeconds(10));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            availability(sku, "storefront").body("onHand", equalTo(6));
            availability(other, "storefront").body("onHand", equalTo(9));
        });
        List<ConsumerRecord<String, String>> dead = await().atMost(Duration.ofSeconds(20)).until(
                () -> dlq.getRecords().stream().filter(r -> sku.equals(r.key()) || tooLongSku.equals(r.key())).toList(),
                l -> l.size() == 5);
        Map<String, String> reasons = dead.stream().collect(Collectors.toMap(
                r -> r.key().equals(tooLongSku) ? "too-long" : r.value(),
                r -> KafkaCloudEvents.get(r.headers(), "dead-letter-reason"), (a, b) -> a + " | " + b));
        assertThat(reasons).hasSize(5);
        assertThat(reasons.entrySet()).anySatisfy(e -> assertThat(e.getValue()).contains("quantity must not be negative"));
        assertThat(reasons.entrySet()).anySatisfy(e -> assertThat(e.getValue()).contains("TELEPORT"));
        assertThat(reasons.entrySet()).anySatisfy(e -> assertThat(e.getValue()).contains("ATLANTIS"));
        assertThat(reasons.entrySet()).anySatisfy(e -> assertThat(e.getValue()).contains("ce_id is missing"));
        assertThat(reasons.get("too-long")).contains("at most 64 characters");
        assertThat(dead).allSatisfy(r -> {
            assertThat(KafkaCloudEvents.get(r.headers(), "dead-letter-topic")).isEqualTo(Topics.WMS_STOCK_MOVEMENTS);
            assertThat(KafkaCloudEvents.get(r.headers(), "dead-letter-offset")).isNotBlank();
        });
        dlq.stop();
    }

    @Test
    void manyMovementsOfOneSkuInOnePollGiveOneEventWithTheLastStateAndAHigherVersion() {
        String sku = "SKU-" + UUID.randomUUID();
        location("DC-V", "\"storefront\"", 0);
        var events = kafka.consumeStrings().fromTopics(Topics.INVENTORY_AVAILABILITY);
        receive(sku, "DC-V", 1);
        ConsumerRecord<String, String> first = await().atMost(Duration.ofSeconds(20)).until(
                () -> lastFor(events.getRecords(), sku), r -> r != null);
        assertThat(first.value()).contains("\"version\":1");

        List<MovementEntry> poll = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            poll.add(entry(sku, "DC-V", MovementType.RECEIPT, 1));
        }
        poll.add(entry(sku, "DC-V", MovementType.PICK, 5));
        PostingOutcome outcome = intake.post(poll).await().atMost(Duration.ofSeconds(10));

        assertThat(outcome.statuses()).containsOnly(PostingOutcome.Status.APPLIED);
        assertThat(outcome.published()).isEqualTo(1);
        ConsumerRecord<String, String> last = await().atMost(Duration.ofSeconds(20)).until(
                () -> lastFor(events.getRecords(), sku), r -> r != null && r.value().contains("\"version\":2"));
        assertThat(last.value()).contains("\"onHand\":36").contains("\"available\":36")
                .contains("\"causeId\":\"" + poll.get(poll.size() - 1).id() + "\"");
        assertThat(outboxRows(sku)).isEqualTo(2);
        availability(sku, "storefront").body("onHand", equalTo(36)).body("version", equalTo(2));
        events.stop();
    }

    @Test
    void aRedeliveredPollHasNoSecondEffectEvenWhenItsMovementsRepeatInsideIt() {
        String sku = "SKU-" + UUID.randomUUID();
        location("DC-R", "\"storefront\"", 0);
        List<MovementEntry> poll = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            poll.add(entry(sku, "DC-R", MovementType.RECEIPT, 3));
        }
        poll.add(poll.get(0)); // the same record twice in one poll

        PostingOutcome once = intake.post(poll).await().atMost(Duration.ofSeconds(10));
        PostingOutcome again = intake.post(poll).await().atMost(Duration.ofSeconds(10));

        assertThat(once.statuses().subList(0, 10)).containsOnly(PostingOutcome.Status.APPLIED);
        assertThat(once.statuses().get(10)).isEqualTo(PostingOutcome.Status.REPEAT);
        assertThat(again.statuses()).containsOnly(PostingOutcome.Status.REPEAT);
        assertThat(again.published()).isZero();
        availability(sku, "storefront").body("onHand", equalTo(30)).body("version", equalTo(1));
        assertThat(outboxRows(sku)).isEqualTo(1);
        assertThat(count("select count(*) from movement where sku = $1", sku)).isEqualTo(10);
    }

    @Test
    void aMovementRefusedForAnUnknownLocationIsJudgedAgainOnRedeliveryAndConcurrentRedeliveriesApplyItOnce() {
        String sku = "SKU-" + UUID.randomUUID();
        String dc = "DC-L" + UUID.randomUUID().toString().substring(0, 8);
        MovementEntry early = entry(sku, dc, MovementType.RECEIPT, 4);
        PostingOutcome refused = intake.post(List.of(early)).await().atMost(Duration.ofSeconds(10));
        assertThat(refused.statuses()).containsOnly(PostingOutcome.Status.REFUSED);

        location(dc, "\"storefront\"", 0);
        // Redelivered by several consumers at once (a rebalance): each is its own transaction.
        List<Uni<PostingOutcome>> racing = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            racing.add(intake.post(List.of(early)));
        }
        List<PostingOutcome> outcomes = Uni.join().all(racing).andCollectFailures().await()
                .atMost(Duration.ofSeconds(20));

        assertThat(outcomes.stream().map(o -> o.statuses().get(0)))
                .containsExactlyInAnyOrder(PostingOutcome.Status.APPLIED, PostingOutcome.Status.REPEAT,
                        PostingOutcome.Status.REPEAT, PostingOutcome.Status.REPEAT);
        availability(sku, "storefront").body("onHand", equalTo(4)).body("version", equalTo(1));
        assertThat(count("select count(*) from movement where sku = $1", sku)).isEqualTo(1);
        assertThat(outboxRows(sku)).isEqualTo(1);
    }

    @Test
    void aMovementLogThatGrowsFastIsAnalyzedWithinSecondsSoTheDedupLookUpIsPlannedForItsRealSize() {
        location("DC-S", "\"storefront\"", 0);
        for (int p = 0; p < 3; p++) {
            List<MovementEntry> poll = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                poll.add(entry("SKU-STATS-" + (i % 20), "DC-S", MovementType.RECEIPT, 1));
            }
            assertThat(intake.post(poll).await().atMost(Duration.ofSeconds(20)).statuses())
                    .containsOnly(PostingOutcome.Status.APPLIED);
        }

        // The planner's idea of the log's size (what decides between a scan and the key), not autovacuum's minute.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(pool
                .query("select reltuples from pg_class where relname = 'movement'").execute()
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getDouble(0)).isGreaterThanOrEqualTo(3000));
    }

    private long outboxRows(String sku) {
        return count("select count(*) from outbox_event where event_key = $1", sku);
    }

    private long count(String sql, String sku) {
        return pool.preparedQuery(sql).execute(Tuple.of(sku)).await().atMost(Duration.ofSeconds(5))
                .iterator().next().getLong(0);
    }

    private static ConsumerRecord<String, String> lastFor(List<ConsumerRecord<String, String>> records, String sku) {
        List<ConsumerRecord<String, String>> mine = records.stream().filter(r -> sku.equals(r.key())).toList();
        return mine.isEmpty() ? null : mine.get(mine.size() - 1);
    }

    private static MovementEntry entry(String sku, String location, MovementType type, int quantity) {
        return new MovementEntry(UUID.randomUUID().toString(), new StockMovement(sku, location, type,
                BigDecimal.valueOf(quantity), null, null, null, OffsetDateTime.now()), "corr-" + sku, null);
    }

    private static String receipt(String sku, String location, int quantity) {
        return "{\"sku\":\"" + sku + "\",\"location\":\"" + location + "\",\"type\":\"RECEIPT\",\"quantity\":"
                + quantity + ",\"occurredAt\":\"" + OffsetDateTime.now() + "\"}";
    }

    private static ProducerRecord<String, String> record(String sku, String data) {
        CloudEvent event = CloudEvent.of("/wms/test", "tradeflow.wms.stock-movement.v1", sku, "corr-" + sku, data);
        return new ProducerRecord<>(Topics.WMS_STOCK_MOVEMENTS, null, sku, data, KafkaCloudEvents.headers(event));
    }
}
