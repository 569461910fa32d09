package io.tradeflow.inventory.repository;

import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Queries over stock that need more than find-by-id. Callers hold a transaction. */
@ApplicationScoped
public class StockRepository {

    /**
     * Locks the SKUs' rows in sorted order (creating missing ones), so that any two transactions touching
     * overlapping SKUs queue up instead of deadlocking or overselling.
     */
    public Uni<List<SkuState>> lockSkus(Collection<String> skus) {
        List<String> sorted = skus.stream().distinct().sorted().toList();
        return Panache.getSession().chain(session -> session
                        .createNativeQuery("insert into sku_state (sku, version) select unnest(cast(?1 as varchar[])), 0 "
                                + "on conflict do nothing")
                        .setParameter(1, sorted.toArray(new String[0]))
                        .executeUpdate())
                .chain(() -> SkuState.<SkuState>find("sku in ?1 order by sku", sorted)
                        .withLock(LockModeType.PESSIMISTIC_WRITE).list());
    }

    /**
     * Every SKU's lock at once, for a change that moves the figures of many SKUs (a location's channels or safety
     * stock): waits for the movements and reservations under way, and holds back new ones (which lock their SKUs first
     * and only then read the locations) until it commits. Plain reads are not held back.
     */
    public Uni<Void> lockEverySku() {
        return Panache.getSession().chain(session -> session
                        .createNativeQuery("lock table sku_state in exclusive mode").executeUpdate())
                .replaceWithVoid();
    }

    /**
     * Every level (at any location) of the SKUs held at the location. A subquery, not a list of SKUs: a distribution
     * centre holds tens of thousands, past what one statement can bind.
     */
    public Uni<List<StockLevel>> levelsOfSkusAt(String locationId) {
        return StockLevel.<StockLevel>find("sku in (select h.sku from StockLevel h where h.locationId = ?1) "
                + "order by sku, locationId", locationId).list();
    }

    /** The SKUs held at the location, sorted; their rows are locked already (lockEverySku). */
    public Uni<List<SkuState>> skuStatesAt(String locationId) {
        return SkuState.<SkuState>find("sku in (select h.sku from StockLevel h where h.locationId = ?1) order by sku",
                locationId).list();
    }

    public Uni<List<StockLevel>> levels(Collection<String> skus) {
        return StockLevel.<StockLevel>find("sku in ?1 order by sku, locationId", List.copyOf(skus)).list();
    }

    public Uni<List<Location>> locations() {
        return Location.<Location>listAll();
    }
}
