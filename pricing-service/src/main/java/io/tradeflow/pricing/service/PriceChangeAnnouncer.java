package io.tradeflow.pricing.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.common.Money;
import io.tradeflow.contracts.events.CloudEventTypes;
import io.tradeflow.contracts.events.Topics;
import io.tradeflow.contracts.pricing.ErpPricingRecord;
import io.tradeflow.contracts.pricing.ListPrice;
import io.tradeflow.contracts.pricing.PriceChanged;
import io.tradeflow.contracts.pricing.Promotion;
import io.tradeflow.contracts.pricing.QuoteLine;
import io.tradeflow.contracts.pricing.TierPrice;
import io.tradeflow.pricing.engine.CustomerContext;
import io.tradeflow.pricing.engine.PriceBook;
import io.tradeflow.pricing.engine.PricingEngine;
import io.tradeflow.platform.outbox.OutboxWriter;

/**
 * Publishes {@code pricing.price-changes} (key = SKU) when the catalog price of a SKU changes: the price one
 * unit costs per channel ("*" = every channel without its own promotion), tier ("" = no tier), currency and
 * unit. Contract prices are customer-specific and never broadcast. The last announced price is kept in
 * published_price, so recomputing after any record or at a promotion boundary announces only real changes.
 * Call inside a transaction: the events go through the outbox with it, and announcing is serialised across
 * replicas for the rest of that transaction (see {@link #takeTurn}).
 */
@ApplicationScoped
public class PriceChangeAnnouncer {
    static final String EVERY_CHANNEL = "*";
    static final String NO_TIER = "";
    /** pg_advisory_xact_lock key of announcing in this service's database (any constant; one lock, one use). */
    static final long ANNOUNCING_LOCK = 0x7072696365L; // "price"

    @Inject
    PriceBook book;
    @Inject
    PricingEngine engine;
    @Inject
    OutboxWriter outbox;

    /** @param skus the SKUs to recompute; empty means every SKU (a promotion on every SKU changed) */
    public Uni<Integer> announce(Collection<String> skus, Instant at) {
        List<String> targets = skus.isEmpty() ? List.copyOf(book.skus()) : List.copyOf(skus);
        Uni<Integer> chain = takeTurn().replaceWith(0);
        for (String sku : targets) {
            chain = chain.chain(count -> announceSku(sku, at).map(n -> count + n));
        }
        return chain;
    }

    /**
     * Compare-and-publish against published_price is a read then a write: two replicas (a boundary check on
     * each, or a check racing an ERP record) would both read the old price and both publish the change. This
     * transaction-scoped advisory lock makes announcing one at a time across every replica sharing the
     * database; the next in line reads published_price as the previous one committed it and finds nothing
     * new. Released by commit or rollback, so a crashed replica cannot keep it.
     */
    private Uni<Void> takeTurn() {
        return Panache.getSession().chain(session -> session
                        .createNativeQuery("select 1 from pg_advisory_xact_lock(?1)")
                        .setParameter(1, ANNOUNCING_LOCK).getSingleResult())
                .replaceWithVoid();
    }

    private Uni<Integer> announceSku(String sku, Instant at) {
        List<CatalogPrice> current = catalogPrices(sku, at);
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select channel, tier, currency, unit_of_measure, price from published_price where sku = ?1")
                .setParameter(1, sku).getResultList())
                .chain(rows -> {
                    List<CatalogPrice> published = new ArrayList<>();
                    for (Object row : rows) {
                        Object[] r = (Object[]) row;
                        published.add(new CatalogPrice((String) r[0], (String) r[1], ((String) r[2]).trim(),
                                (String) r[3], r[4] == null ? null : (BigDecimal) r[4], null));
                    }
                    List<Uni<Integer>> writes = new ArrayList<>();
                    for (CatalogPrice now : current) {
                        CatalogPrice before = published.stream().filter(now::sameKey).findFirst().orElse(null);
                        if (before == null || !samePrice(before.price(), now.price())) {
                            writes.add(publish(sku, before, now, at));
                        }
                    }
                    for (CatalogPrice gone : published) {
                        if (gone.price() != null && current.stream().noneMatch(gone::sameKey)) {
                            writes.add(publish(sku, gone, new CatalogPrice(gone.channel(), gone.tier(),
                                    gone.currency(), gone.unitOfMeasure(), null, null), at));
                        }
                    }
                    // One after the other: a Hibernate Reactive session must not be used concurrently.
                    Uni<Integer> all = Uni.createFrom().item(0);
                    for (Uni<Integer> write : writes) {
                        all = all.chain(n -> write.map(one -> n + one));
                    }
                    return all;
                });
    }

    private Uni<Integer> publish(String sku, CatalogPrice before, CatalogPrice now, Instant at) {
        QuoteLine line = now.line();
        PriceChanged event = new PriceChanged(sku, now.channel(), now.tier().isEmpty() ? null : now.tier(),
                now.unitOfMeasure(),
                before == null || before.price() == null ? null : new Money(before.price(), now.currency()),
                now.price() == null ? null : new Money(now.price(), now.currency()),
                line == null ? null : line.rule(), line == null ? null : line.promotion(),
                OffsetDateTime.ofInstant(at, ZoneOffset.UTC), line == null ? null : line.validUntil(),
                line == null ? List.of() : line.sources());
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into published_price (sku, channel, tier, currency, unit_of_measure, price) "
                                + "values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (sku, channel, tier, currency, "
                                + "unit_of_measure) do update set price = excluded.price, updated_at = now()")
                .setParameter(1, sku).setParameter(2, now.channel()).setParameter(3, now.tier())
                .setParameter(4, now.currency()).setParameter(5, now.unitOfMeasure()).setParameter(6, now.price())
                .executeUpdate())
                .chain(() -> outbox.append(Topics.PRICING_PRICE_CHANGES, sku, CloudEventTypes.PRICE_CHANGED, event))
                .replaceWith(1);
    }

    /** One unit's price for every channel, tier, currency and unit the SKU's records mention. */
    List<CatalogPrice> catalogPrices(String sku, Instant at) {
        List<ErpPricingRecord> records = book.recordsFor(sku);
        Set<String> tiers = new LinkedHashSet<>(List.of(NO_TIER));
        Set<String> channels = new LinkedHashSet<>(List.of(EVERY_CHANNEL));
        Set<List<String>> units = new LinkedHashSet<>();
        List<Promotion> promotions = new ArrayList<>(book.everySkuPromotions());
        for (ErpPricingRecord record : records) {
            if (record instanceof ListPrice l && l.price() != null) {
                units.add(List.of(l.price().currency(), unit(l.unitOfMeasure())));
            } else if (record instanceof TierPrice t && t.tier() != null && t.price() != null) {
                tiers.add(t.tier());
                units.add(List.of(t.price().currency(), unit(t.unitOfMeasure())));
            } else if (record instanceof Promotion p) {
                promotions.add(p);
            }
        }
        promotions.stream().filter(p -> p.channels() != null).forEach(p -> channels.addAll(p.channels()));
        List<CatalogPrice> prices = new ArrayList<>();
        for (String tier : tiers) {
            CustomerContext anyone = new CustomerContext("catalog", tier.isEmpty() ? null : tier, null, null, true);
            for (String channel : channels) {
                for (List<String> currencyAndUnit : units) {
                    QuoteLine line = engine.price(book, anyone, channel, currencyAndUnit.get(0), 1, sku, BigDecimal.ONE,
                            currencyAndUnit.get(1).isEmpty() ? null : currencyAndUnit.get(1), at);
                    prices.add(new CatalogPrice(channel, tier, currencyAndUnit.get(0), currencyAndUnit.get(1),
                            line.priced() ? line.unitPrice().amount() : null, line.priced() ? line : null));
                }
            }
        }
        return prices;
    }

    private static String unit(String unitOfMeasure) {
        return unitOfMeasure == null ? "" : unitOfMeasure;
    }

    private static boolean samePrice(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    record CatalogPrice(String channel, String tier, String currency, String unitOfMeasure, BigDecimal price,
                        QuoteLine line) {
        boolean sameKey(CatalogPrice other) {
            return channel.equals(other.channel) && tier.equals(other.tier) && currency.equals(other.currency)
                    && Objects.equals(unitOfMeasure, other.unitOfMeasure);
        }
    }
}
