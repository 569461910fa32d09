package io.tradeflow.inventory.repository;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** Units of one SKU held at one location for a reservation. */
@Entity
@Table(name = "reservation_allocation")
@IdClass(ReservationAllocation.Key.class)
public class ReservationAllocation extends PanacheEntityBase {
    @Id
    @Column(name = "reservation_id")
    public String reservationId;
    @Id
    public String sku;
    @Id
    @Column(name = "location_id")
    public String locationId;
    public BigDecimal quantity;

    public static class Key implements Serializable {
        public String reservationId;
        public String sku;
        public String locationId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(reservationId, k.reservationId)
                    && Objects.equals(sku, k.sku) && Objects.equals(locationId, k.locationId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(reservationId, sku, locationId);
        }
    }
}
