package io.tradeflow.inventory.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tradeflow.inventory.repository.Location;
import io.tradeflow.inventory.repository.SkuState;
import io.tradeflow.inventory.repository.StockRepository;

/** The locations stock is held at and the channels each one serves. */
@ApplicationScoped
public class LocationCatalog {
    /** A location as operators see it. */
    public record Site(String id, String name, List<String> channels, BigDecimal safetyStock) {
        static Site of(Location location) {
            return new Site(location.id, location.name, StockPicture.channelsOf(location),
                    StockPicture.plain(location.safetyStock));
        }
    }

    @Inject
    StockRepository stock;
    @Inject
    AvailabilityPublisher availability;

    /**
     * Creates or changes a location. A location that starts or stops serving a channel, or changes its safety stock,
     * moves the available-to-promise of every SKU it holds: each one is republished in the same transaction, so a
     * storefront never keeps selling a warehouse's stock after the warehouse stopped serving it. Every SKU's lock is
     * held meanwhile (a rare operator action), so no movement publishes a figure computed with the old channels after
     * it.
     */
    @WithTransaction
    public Uni<Site> upsert(String id, String name, List<String> channels, BigDecimal safetyStock) {
        OffsetDateTime at = OffsetDateTime.now();
        return stock.lockEverySku().chain(() -> stock.skusAt(id)).chain(skus -> availability.locations()
                .chain(locations -> stock.levels(skus).chain(levels -> {
                    Map<String, StockPicture> before = availability.pictures(skus, levels, locations);
                    Location location = locations.containsKey(id) ? locations.get(id) : new Location();
                    location.id = id;
                    location.name = name;
                    location.channels = String.join(",", channels);
                    location.safetyStock = safetyStock == null ? BigDecimal.ZERO : safetyStock;
                    locations.put(id, location);
                    Map<String, StockPicture> after = availability.pictures(skus, levels, locations);
                    return location.<Location>persist().chain(saved -> skus.isEmpty() ? Uni.createFrom().item(saved)
                            : SkuState.<SkuState>list("sku in ?1 order by sku", skus)
                                    .chain(states -> availability.publishChanges(states, before, after,
                                            "location-" + id + "-" + UUID.randomUUID(), at))
                                    .replaceWith(saved));
                }))).map(Site::of);
    }

    @WithSession
    public Uni<Site> find(String id) {
        return Location.<Location>findById(id).map(l -> l == null ? null : Site.of(l));
    }

    @WithSession
    public Uni<List<Site>> all() {
        return Location.<Location>list("order by id").map(all -> all.stream().map(Site::of).toList());
    }
}
