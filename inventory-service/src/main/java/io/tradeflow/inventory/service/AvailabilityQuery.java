package io.tradeflow.inventory.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.inventory.AvailabilityChanged.LocationAvailability;
import io.tradeflow.inventory.repository.Location;
import io.tradeflow.inventory.repository.SkuState;
import io.tradeflow.inventory.repository.StockRepository;

/** Answers "how many can I promise on this channel" from the database, the same numbers the events carry. */
@ApplicationScoped
public class AvailabilityQuery {
    @Inject
    StockRepository stock;
    @Inject
    AvailabilityPublisher availability;

    public record SkuAvailability(String sku, String channel, BigDecimal available, BigDecimal onHand,
                                  BigDecimal reserved, long version, OffsetDateTime asOf,
                                  List<LocationAvailability> locations) {
    }

    public Uni<List<SkuAvailability>> of(List<String> skus, String channel) {
        return Panache.withSession(() -> availability.locations().chain(locations ->
                stock.levels(skus).chain(levels -> SkuState.<SkuState>list("sku in ?1", skus).map(states -> {
                    Map<String, Long> versions = states.stream()
                            .collect(java.util.stream.Collectors.toMap(s -> s.sku, s -> s.version));
                    OffsetDateTime asOf = OffsetDateTime.now();
                    Map<String, StockPicture> pictures = StockPicture.ofEach(skus, levels, locations);
                    return skus.stream().map(sku -> view(sku, channel, pictures.get(sku),
                            locations, versions.getOrDefault(sku, 0L), asOf)).toList();
                }))));
    }

    private static SkuAvailability view(String sku, String channel, StockPicture picture,
                                        Map<String, Location> locations, long version, OffsetDateTime asOf) {
        List<LocationAvailability> serving = picture.locations().stream()
                .filter(l -> locations.containsKey(l.location())
                        && StockPicture.channelsOf(locations.get(l.location())).contains(channel))
                .toList();
        return new SkuAvailability(sku, channel, picture.available(channel), picture.onHand(channel, locations),
                picture.reserved(channel, locations), version, asOf, serving);
    }
}
