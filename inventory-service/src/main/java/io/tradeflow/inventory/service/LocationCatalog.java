package io.tradeflow.inventory.service;

import java.math.BigDecimal;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.tradeflow.inventory.repository.Location;

/** The locations stock is held at and the channels each one serves. */
@ApplicationScoped
public class LocationCatalog {

    @WithTransaction
    public Uni<Location> upsert(String id, String name, List<String> channels, BigDecimal safetyStock) {
        return Location.<Location>findById(id).chain(found -> {
            Location location = found != null ? found : new Location();
            location.id = id;
            location.name = name;
            location.channels = String.join(",", channels);
            location.safetyStock = safetyStock == null ? BigDecimal.ZERO : safetyStock;
            return location.persist();
        });
    }
}
