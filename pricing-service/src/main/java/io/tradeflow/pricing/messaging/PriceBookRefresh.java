package io.tradeflow.pricing.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.customers.CrmAccount;
import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.events.KafkaCloudEvents;
import io.tradeflow.pricing.engine.PriceBook;

/**
 * Keeps THIS replica's in-memory price book current. The persisting consumers (groups "pricing-service.<channel>")
 * split the partitions between replicas, so a replica would only hear of its share of the changes. These
 * two consumers read the same topics in a consumer group of their own per replica (group id with a random
 * suffix, see application.properties), so every replica applies every change. The book accepts only
 * newer versions, so replaying from the earliest offset and racing the start-up load are both harmless.
 * <p>
 * Invalid records are skipped here: the persisting consumer is the one that dead-letters them, once.
 */
@ApplicationScoped
public class PriceBookRefresh {
    private static final Logger LOG = Logger.getLogger(PriceBookRefresh.class);

    @Inject
    PriceBook book;
    @Inject
    PriceRecordCodec prices;
    @Inject
    CrmAccountCodec accounts;

    @Incoming("erp-prices-replica")
    public Uni<Void> price(ConsumerRecord<String, String> record) {
        return Uni.createFrom().item(() -> {
            try {
                CloudEvent event = KafkaCloudEvents.read(record.headers(), record.value());
                book.apply(prices.decode(event).record());
            } catch (RuntimeException invalid) {
                LOG.debugf("Price book skips invalid erp.prices record at offset %d: %s", record.offset(),
                        invalid.getMessage());
            }
            return null;
        }).replaceWithVoid();
    }

    @Incoming("crm-accounts-replica")
    public Uni<Void> account(ConsumerRecord<String, String> record) {
        return Uni.createFrom().item(() -> {
            try {
                CloudEvent event = KafkaCloudEvents.read(record.headers(), record.value());
                CrmAccount account = accounts.decode(event);
                book.applyCustomer(CrmAccountCodec.context(account), account.updatedAt());
            } catch (RuntimeException invalid) {
                LOG.debugf("Price book skips invalid crm.accounts record at offset %d: %s", record.offset(),
                        invalid.getMessage());
            }
            return null;
        }).replaceWithVoid();
    }
}
