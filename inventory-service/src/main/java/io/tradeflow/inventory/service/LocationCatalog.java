package io.tradeflow.inventory.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tradeflow.inventory.repository.Location;
import io.tradeflow.inventory.repository.StockRepository;
import io.tradeflow.platform.outbox.OutboxRelay;

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
    @Inject
    OutboxRelay relay;

    /**
     * Creates or changes a location. A location that starts or stops serving a channel, or changes its safety stock,
     * moves the available-to-promise of every SKU it holds: each one is republished in the same transaction, so a
     * storefront never keeps selling a warehouse's stock after the warehouse stopped serving it. Every SKU's lock is
     * held meanwhile (a rare operator action; one event per SKU held there), so no movement publishes a figure
     * computed with the old channels after it. A new location holds no stock yet, and a rename moves no figure:
     * neither takes the lock.
     */
    public Uni<Site> upsert(String id, String name, List<String> channels, BigDecimal safetyStock) {
        String served = String.join(",", channels);
        BigDecimal safety = safetyStock == null ? BigDecimal.ZERO : safetyStock;
        boolean[] republished = {false};
        return Panache.withTransaction(() -> Location.<Location>findById(id).chain(found -> {
            if (found == null || (found.channels.equals(served) && found.safetyStock.compareTo(safety) == 0)) {
                Location location = found != null ? found : new Location();
                location.id = id;
                location.name = name;
                location.channels = served;
                location.safetyStock = safety;
                return location.<Location>persist();
            }
            republished[0] = true;
            return republish(found, name, served, safety);
        })).invoke(() -> {
            if (republished[0]) {
                relay.wakeUp();
            }
        }).map(Site::of);
    }

    /** Under every SKU's lock: the location as committed now, its SKUs' pictures before and after the change. */
    private Uni<Location> republish(Location location, String name, String served, BigDecimal safety) {
        OffsetDateTime at = OffsetDateTime.now();
        String id = location.id;
        return stock.lockEverySku()
                // Read again under the lock: another operator's change of this location may have committed meanwhile.
                .chain(() -> Panache.getSession().chain(session -> session.refresh(location)))
                .chain(() -> availability.locations())
                .chain(locations -> stock.levelsOfSkusAt(id).chain(levels -> {
                    List<String> skus = levels.stream().filter(l -> l.locationId.equals(id)).map(l -> l.sku)
                            .distinct().sorted().toList();
                    Map<String, StockPicture> before = availability.pictures(skus, levels, locations);
                    location.name = name;
                    location.channels = served;
                    location.safetyStock = safety;
                    Map<String, StockPicture> after = availability.pictures(skus, levels, locations);
                    return location.<Location>persist().chain(saved -> stock.skuStatesAt(id)
                            .chain(states -> availability.publishChanges(states, before, after,
                                    "location-" + id + "-" + UUID.randomUUID(), at))
                            .replaceWith(saved));
                }));
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
