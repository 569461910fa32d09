package io.tradeflow.pricing.service;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.tradeflow.pricing.engine.CustomerContext;
import io.tradeflow.pricing.engine.PriceBook;
import io.tradeflow.pricing.messaging.PriceRecordCodec;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Fills this replica's price book from the database before the app takes traffic, so quotes never come
 * from an empty book. Records received meanwhile over Kafka are merged by version, whichever arrives first.
 */
@ApplicationScoped
public class PriceBookLoader {
    private static final Logger LOG = Logger.getLogger(PriceBookLoader.class);

    @Inject
    Pool pool;
    @Inject
    PriceBook book;
    @Inject
    PriceRecordCodec codec;

    void load(@Observes StartupEvent event) {
        // Start-up runs on the main thread, where waiting is allowed; tombstones load too so they keep guarding.
        for (Row row : pool.query("select kind, payload from pricing_record").execute().await()
                .atMost(Duration.ofSeconds(60))) {
            book.apply(codec.read(row.getString("kind"), row.getString("payload")));
        }
        int customers = 0;
        for (Row row : pool.query("select customer_id, tier, segment, buying_group, updated_at from customer_account")
                .execute().await().atMost(Duration.ofSeconds(60))) {
            book.applyCustomer(new CustomerContext(row.getString("customer_id"), row.getString("tier"),
                    row.getString("segment"), row.getString("buying_group"), true),
                    row.getOffsetDateTime("updated_at"));
            customers++;
        }
        LOG.infof("Price book loaded: %d ERP records, %d customers", book.size(), customers);
    }
}
