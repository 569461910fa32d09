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

    public Uni<List<StockLevel>> levels(Collection<String> skus) {
        return StockLevel.<StockLevel>find("sku in ?1 order by sku, locationId", List.copyOf(skus)).list();
    }

    public Uni<List<Location>> locations() {
        return Location.<Location>listAll();
    }
}
