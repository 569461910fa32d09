package io.tradeflow.pricing.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.pricing.Promotion;
import io.tradeflow.pricing.engine.PriceBook;
import io.tradeflow.pricing.messaging.PriceRecordCodec;
import io.tradeflow.pricing.repository.PricingRecords;
import io.tradeflow.platform.outbox.OutboxRelay;

/**
 * A dated promotion changes prices without any ERP event when its first day begins or its last day ends.
 * This check recomputes the SKUs of promotions starting today or ended yesterday (business time zone).
 * Every replica runs it; PriceChangeAnnouncer announces under a database-wide advisory lock and compares with
 * published_price, so repeated runs, and runs on several replicas at once, announce a change once.
 */
@ApplicationScoped
public class PromotionBoundaries {
    @Inject
    PricingRecords records;
    @Inject
    PriceRecordCodec codec;
    @Inject
    PriceChangeAnnouncer announcer;
    @Inject
    OutboxRelay relay;
    @Inject
    PriceBook book;

    @ConfigProperty(name = "tradeflow.pricing.business-zone", defaultValue = "UTC")
    ZoneId businessZone;

    @Scheduled(every = "${tradeflow.pricing.promotion-check-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> check() {
        return checkAt(Instant.now()).replaceWithVoid();
    }

    /** @return how many price changes were announced */
    public Uni<Integer> checkAt(Instant at) {
        LocalDate today = LocalDate.ofInstant(at, businessZone);
        return Panache.withTransaction(() -> promotionsCrossing(today).chain(promotions -> {
            if (promotions.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            Set<String> skus = new LinkedHashSet<>();
            for (Promotion promotion : promotions) {
                if (promotion.skus() == null || promotion.skus().isEmpty()) {
                    skus.clear();
                    skus.addAll(book.skus());
                    break;
                }
                skus.addAll(promotion.skus());
            }
            return announcer.announce(skus, at);
        })).invoke(count -> {
            if (count > 0) {
                relay.wakeUp();
            }
        });
    }

    private Uni<java.util.List<Promotion>> promotionsCrossing(LocalDate day) {
        return records.promotionsCrossingBoundary(day).map(payloads -> payloads.stream()
                .map(p -> (Promotion) codec.read("PROMOTION", p)).toList());
    }
}
