package io.tradeflow.pricing.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.pricing.ErpPricingRecord;
import io.tradeflow.contracts.pricing.Promotion;
import io.tradeflow.pricing.engine.PriceBook;
import io.tradeflow.pricing.repository.PricingRecords;
import io.tradeflow.platform.inbox.Inbox;
import io.tradeflow.platform.outbox.OutboxRelay;

/**
 * Stores an ERP pricing record: deduplicated on the event id, version-guarded, and announcing catalog price
 * changes through the outbox, all in one transaction.
 */
@ApplicationScoped
public class PriceRecordIntake {
    static final String CONSUMER = "erp-prices";

    @Inject
    Inbox inbox;
    @Inject
    PricingRecords records;
    @Inject
    PriceBook book;
    @Inject
    PriceChangeAnnouncer announcer;
    @Inject
    OutboxRelay relay;

    /** @return true if the record changed what is stored (false for a repeat or an older version) */
    public Uni<Boolean> receive(String eventId, String kind, ErpPricingRecord record, String payload) {
        return Panache.withTransaction(() -> inbox.firstDelivery(CONSUMER, eventId)
                        .chain(first -> first ? records.upsert(kind, record, payload) : Uni.createFrom().item(false))
                        .chain(stored -> {
                            if (!stored) {
                                return Uni.createFrom().item(false);
                            }
                            // This replica's book gets the record now (its refresh consumer may lag) so the
                            // announcement below compares against the price including this change.
                            java.util.List<String> skus = book.skusAffectedBy(record);
                            book.apply(record);
                            if (skus.isEmpty() && !(record instanceof Promotion)) {
                                return Uni.createFrom().item(true);
                            }
                            // Empty for a promotion on every SKU: announce() then recomputes every SKU.
                            return announcer.announce(skus, Instant.now()).replaceWith(true);
                        }))
                .invoke(stored -> {
                    if (stored) {
                        relay.wakeUp();
                    }
                });
    }
}
