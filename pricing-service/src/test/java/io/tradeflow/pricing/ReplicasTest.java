package io.tradeflow.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.tradeflow.contracts.events.CloudEventTypes;
import io.tradeflow.contracts.events.Topics;
import io.tradeflow.pricing.service.PromotionBoundaries;
import io.tradeflow.testinfra.TradeflowTestResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Several pricing-service replicas share one database and one consumer group. This JVM is one replica; the
 * other is played at its boundaries: the rows it commits in the shared database and the events on the topic.
 */
@QuarkusTest
@QuarkusTestResource(value = TradeflowTestResource.class, initArgs = @ResourceArg(name = "db", value = "pricing"))
class ReplicasTest {
    /** The persisting consumer's name in processed_event (PriceRecordIntake). */
    private static final String PERSISTING_CONSUMER = "erp-prices";

    @Inject
    Pool pool;
    @Inject
    PromotionBoundaries boundaries;

    @Test
    void aReplicaThatDidNotIngestTheErpRecordStillQuotesItAfterTheEventReachesItOverKafka() {
        String sku = ErpFeed.sku();
        ErpFeed.listPrice("LP-" + sku, 1, sku, "20.00");
        QuoteApiTest.awaitPrice(sku, "C", "20.00");
        await().atMost(ErpFeed.PATIENCE).until(() -> stored("LP-" + sku));

        // The other replica's persisting consumer took this event's partition: it stored version 2 and marked
        // the event processed, in one transaction, before this replica heard anything.
        String eventId = UUID.randomUUID().toString();
        String v2 = "{\"erpRecordId\":\"LP-" + sku + "\",\"version\":2,\"deleted\":false,\"sku\":\"" + sku
                + "\",\"price\":{\"amount\":23.50,\"currency\":\"USD\"},\"unitOfMeasure\":\"EA\"}";
        pool.withTransaction(tx -> tx.preparedQuery("update pricing_record set version = 2, payload = $2, "
                                + "received_at = now() where erp_record_id = $1").execute(Tuple.of("LP-" + sku, v2))
                        .chain(() -> tx.preparedQuery("insert into processed_event (consumer, event_id) values ($1, $2)")
                                .execute(Tuple.of(PERSISTING_CONSUMER, eventId))))
                .await().atMost(Duration.ofSeconds(10));
        QuoteApiTest.awaitPrice(sku, "C", "20.00");

        // The same event on erp.prices: this replica's persisting consumer sees a repeat and does nothing, so
        // only its own replica-group consumer can bring the new price into its in-memory book.
        ErpFeed.sendAs(eventId, Topics.ERP_PRICES, CloudEventTypes.LIST_PRICE, sku, v2);
        QuoteApiTest.awaitPrice(sku, "C", "23.50");
        assertThat(processed(eventId)).as("the event stayed processed once, by the other replica").isEqualTo(1);
    }

    @Test
    void promotionBoundaryChecksRunningOnSeveralReplicasAtOnceAnnounceTheChangeOnce() throws Exception {
        String sku = ErpFeed.sku();
        ZoneId zone = ZoneId.of("America/Chicago");
        // A day no other test's promotion starts or ends on, so the checks below see this promotion only.
        LocalDate start = LocalDate.now(zone).plusDays(400 + (int) (Math.random() * 1000));
        ErpFeed.listPrice("LP-" + sku, 1, sku, "50.00");
        ErpFeed.send(CloudEventTypes.PROMOTION, sku, "{\"erpRecordId\":\"PR-" + sku + "\",\"version\":1,"
                + "\"promotionId\":\"FLASH-" + sku + "\",\"percentOff\":10,\"skus\":[\"" + sku + "\"],"
                + "\"stackable\":true,\"validFrom\":\"" + start + "\",\"validTo\":\"" + start.plusDays(1) + "\"}");
        await().atMost(ErpFeed.PATIENCE).until(() -> stored("PR-" + sku) && changes(sku) >= 1);
        long before = changes(sku);

        Instant firstDay = start.atTime(8, 0).atZone(zone).toInstant();
        int replicas = 4;
        ExecutorService callers = Executors.newFixedThreadPool(replicas);
        CountDownLatch ready = new CountDownLatch(replicas);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                Callable<Integer> check = () -> {
                    ready.countDown();
                    ready.await(10, TimeUnit.SECONDS);
                    try {
                        return VertxContextSupport.subscribeAndAwait(() -> boundaries.checkAt(firstDay));
                    } catch (Throwable failed) {
                        throw new IllegalStateException(failed);
                    }
                };
                runs.add(callers.submit(check));
            }
            int announced = 0;
            for (Future<Integer> run : runs) {
                announced += run.get(60, TimeUnit.SECONDS);
            }
            assertThat(announced).as("price changes announced by all concurrent checks together").isEqualTo(1);
        } finally {
            callers.shutdownNow();
        }
        assertThat(changes(sku) - before).as("price-changed events in the outbox for " + sku).isEqualTo(1);
        assertThat(changesAt(sku, "45.00")).isEqualTo(1);
    }

    private long processed(String eventId) {
        return count("select count(*) from processed_event where event_id = $1", Tuple.of(eventId));
    }

    private boolean stored(String erpRecordId) {
        return count("select count(*) from pricing_record where erp_record_id = $1", Tuple.of(erpRecordId)) == 1;
    }

    private long changes(String sku) {
        return count("select count(*) from outbox_event where topic = $1 and event_key = $2",
                Tuple.of(Topics.PRICING_PRICE_CHANGES, sku));
    }

    private long changesAt(String sku, String price) {
        return count("select count(*) from outbox_event where topic = $1 and event_key = $2 "
                + "and (payload::jsonb -> 'price' ->> 'amount')::numeric = $3",
                Tuple.of(Topics.PRICING_PRICE_CHANGES, sku, new java.math.BigDecimal(price)));
    }

    private long count(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args).await().atMost(Duration.ofSeconds(10)).iterator().next()
                .getLong(0);
    }
}
