package io.tradeflow.inventory;

import static io.tradeflow.inventory.InventoryApi.availability;
import static io.tradeflow.inventory.InventoryApi.location;
import static io.tradeflow.inventory.InventoryApi.receive;
import static io.tradeflow.inventory.InventoryApi.reserve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

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
import io.tradeflow.testinfra.TradeflowTestResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The warehouse and the storefront act on one SKU at the same moment: Kafka polls of receipts and picks are applied
 * while a hundred reservations arrive over REST. Both take the SKU's lock, so whatever the interleaving, no
 * reservation holds more than was available when it ran, and the stock, the holds, the movement log and the last
 * availability event tell the same story.
 */
@QuarkusTest
@QuarkusTestResource(value = TradeflowTestResource.class, initArgs = @ResourceArg(name = "db", value = "inventory"))
class MovementsRacingReservationsTest {
    static final String LOCATION = "DC-MIX";
    static final int SAFETY = 30;
    static final int INITIAL = 60;
    static final int RECEIPTS = 50;
    static final int PICKS = 30; // never more than the safety stock: picks alone cannot take units someone holds
    static final int RESERVATIONS = 100;

    final KafkaCompanion kafka = EmbeddedServers.kafkaCompanion();

    @Inject
    Pool pool;

    @Test
    void aBurstOfPicksAndReceiptsRacingAHundredReservationsNeverOverholdsAndEndsConsistentWithTheMovementLog()
            throws Exception {
        String sku = "MIX-" + UUID.randomUUID();
        location(LOCATION, "\"storefront\"", SAFETY);
        var events = kafka.consumeStrings().fromTopics(Topics.INVENTORY_AVAILABILITY);
        receive(sku, LOCATION, INITIAL);

        List<ProducerRecord<String, String>> movements = new ArrayList<>();
        for (int i = 0; i < RECEIPTS + PICKS; i++) {
            // Five receipts then three picks, repeated: the burst moves on hand up and down while holds are taken.
            movements.add(record(sku, i % 8 < 5 ? "RECEIPT" : "PICK"));
        }
        ExecutorService callers = Executors.newFixedThreadPool(21);
        List<Integer> statuses = new ArrayList<>();
        try {
            Future<?> warehouse = callers.submit(() -> {
                for (int from = 0; from < movements.size(); from += 10) {
                    kafka.produceStrings().fromRecords(movements.subList(from, from + 10))
                            .awaitCompletion(Duration.ofSeconds(10));
                    sleep(15); // several polls, each landing among the reservations
                }
            });
            List<Callable<Integer>> storefront = new ArrayList<>();
            for (int i = 0; i < RESERVATIONS; i++) {
                String id = "mix-" + sku + "-" + i;
                storefront.add(() -> reserve(id, "ALL_OR_NOTHING", sku, 1).extract().statusCode());
            }
            List<Future<Integer>> answers = new ArrayList<>();
            for (Callable<Integer> call : storefront) {
                answers.add(callers.submit(call));
            }
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            warehouse.get();
        } finally {
            callers.shutdown();
        }
        int expectedOnHand = INITIAL + RECEIPTS - PICKS;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                availability(sku, "storefront").body("onHand", equalTo(expectedOnHand)));

        assertThat(statuses).as("each reservation is held or refused as insufficient").containsOnly(201, 409);
        int held = (int) statuses.stream().filter(s -> s == 201).count();
        assertThat(held).as("at least the stock reservable before the burst is held").isGreaterThanOrEqualTo(INITIAL - SAFETY);

        // The database: the movement log explains on hand, the holds explain reserved, nothing is over-held.
        Row level = one("select on_hand, reserved, unavailable from stock_level where sku = $1", sku);
        assertThat(level.getBigDecimal("on_hand")).isEqualByComparingTo(BigDecimal.valueOf(expectedOnHand));
        assertThat(one("select count(*) as n, coalesce(sum(case type when 'PICK' then -quantity else quantity end), 0) "
                + "as net from movement where sku = $1", sku))
                .satisfies(log -> {
                    assertThat(log.getLong("n")).as("every movement applied exactly once").isEqualTo(1 + RECEIPTS + PICKS);
                    assertThat(log.getBigDecimal("net")).isEqualByComparingTo(level.getBigDecimal("on_hand"));
                });
        assertThat(level.getBigDecimal("reserved")).isEqualByComparingTo(BigDecimal.valueOf(held));
        assertThat(one("select coalesce(sum(quantity), 0) as q from reservation_allocation where sku = $1", sku)
                .getBigDecimal("q")).isEqualByComparingTo(BigDecimal.valueOf(held));
        assertThat(one("select count(*) as n from reservation where id like $1 and status = 'HELD'", "mix-" + sku + "-%")
                .getLong("n")).isEqualTo(held);
        assertThat(level.getBigDecimal("reserved"))
                .isLessThanOrEqualTo(level.getBigDecimal("on_hand").subtract(level.getBigDecimal("unavailable")));

        // The API agrees with the database.
        int available = Math.max(0, expectedOnHand - held - SAFETY);
        long version = one("select version from sku_state where sku = $1", sku).getLong("version");
        availability(sku, "storefront").body("onHand", equalTo(expectedOnHand)).body("reserved", equalTo(held))
                .body("available", equalTo(available)).body("version", equalTo((int) version));

        // The event log: one event per change, versions without gaps, and the last one is today's state.
        List<AvailabilityChanged> changes = await().atMost(Duration.ofSeconds(30)).until(
                () -> changesOf(events.getRecords(), sku),
                list -> !list.isEmpty() && list.get(list.size() - 1).version() == version);
        events.stop();
        for (int i = 0; i < changes.size(); i++) {
            assertThat(changes.get(i).version()).as("versions increase by one per change").isEqualTo(i + 1);
        }
        for (AvailabilityChanged change : changes) {
            AvailabilityChanged.LocationAvailability at = change.locations().get(0);
            assertThat(at.reserved()).as("version %d: held never exceeds on hand", change.version())
                    .isLessThanOrEqualTo(at.onHand().subtract(at.unavailable()));
            assertThat(at.available()).isEqualByComparingTo(at.onHand().subtract(at.reserved()).subtract(at.safetyStock())
                    .subtract(at.unavailable()).max(BigDecimal.ZERO));
            if (change.causeId().startsWith("reservation:")) {
                assertThat(at.reserved().add(at.safetyStock()).add(at.unavailable()))
                        .as("version %d: a hold only takes what was available when it ran", change.version())
                        .isLessThanOrEqualTo(at.onHand());
            }
        }
        assertThat(changes.stream().filter(c -> c.causeId().startsWith("reservation:")).count())
                .as("every held reservation published its change").isEqualTo(held);
        AvailabilityChanged last = changes.get(changes.size() - 1);
        assertThat(last.locations().get(0).onHand()).isEqualByComparingTo(BigDecimal.valueOf(expectedOnHand));
        assertThat(last.locations().get(0).reserved()).isEqualByComparingTo(BigDecimal.valueOf(held));
        assertThat(last.channels()).filteredOn(c -> c.channel().equals("storefront")).singleElement().satisfies(c ->
                assertThat(c.available()).isEqualByComparingTo(BigDecimal.valueOf(available)));
    }

    private Row one(String sql, String parameter) {
        return pool.preparedQuery(sql).execute(Tuple.of(parameter)).await().atMost(Duration.ofSeconds(5))
                .iterator().next();
    }

    private static List<AvailabilityChanged> changesOf(List<ConsumerRecord<String, String>> records, String sku) {
        return records.stream().filter(r -> sku.equals(r.key()))
                .map(r -> Json.read(r.value(), AvailabilityChanged.class)).toList();
    }

    private static ProducerRecord<String, String> record(String sku, String type) {
        String data = "{\"sku\":\"" + sku + "\",\"location\":\"" + LOCATION + "\",\"type\":\"" + type
                + "\",\"quantity\":1,\"occurredAt\":\"" + OffsetDateTime.now() + "\"}";
        CloudEvent event = CloudEvent.of("/wms/test", "tradeflow.wms.stock-movement.v1", sku, "corr-" + sku, data);
        return new ProducerRecord<>(Topics.WMS_STOCK_MOVEMENTS, null, sku, data, KafkaCloudEvents.headers(event));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
