package io.tradeflow.inventory.repository;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** What one location holds of one SKU. */
@Entity
@Table(name = "stock_level")
@IdClass(StockLevel.Key.class)
public class StockLevel extends PanacheEntityBase {
    @Id
    public String sku;
    @Id
    @Column(name = "location_id")
    public String locationId;
    @Column(name = "on_hand", nullable = false)
    public BigDecimal onHand = BigDecimal.ZERO;
    @Column(nullable = false)
    public BigDecimal reserved = BigDecimal.ZERO;
    @Column(nullable = false)
    public BigDecimal unavailable = BigDecimal.ZERO;
    @Column(nullable = false)
    public long version;
    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt = OffsetDateTime.now();

    public static class Key implements Serializable {
        public String sku;
        public String locationId;

        public Key() {
        }

        public Key(String sku, String locationId) {
            this.sku = sku;
            this.locationId = locationId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(sku, k.sku) && Objects.equals(locationId, k.locationId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(sku, locationId);
        }
    }
}
