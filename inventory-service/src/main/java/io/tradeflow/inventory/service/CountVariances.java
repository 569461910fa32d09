package io.tradeflow.inventory.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tradeflow.inventory.repository.CountVariance;

/** The count variances operations follow up on. */
@ApplicationScoped
public class CountVariances {

    public record View(String movementId, String sku, String location, BigDecimal expected, BigDecimal recorded,
                       BigDecimal counted, OffsetDateTime recordedAt) {
    }

    public Uni<List<View>> list(String sku) {
        return Panache.withSession(() -> (sku == null || sku.isBlank()
                ? CountVariance.<CountVariance>find("order by id desc")
                : CountVariance.<CountVariance>find("sku = ?1 order by id desc", sku))
                .page(0, 500).list())
                .map(list -> list.stream().map(v -> new View(v.movementId, v.sku, v.locationId,
                        StockPicture.plain(v.expected), StockPicture.plain(v.recorded), StockPicture.plain(v.counted),
                        v.recordedAt)).toList());
    }
}
