package io.tradeflow.inventory.repository;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A cycle count that found something other than the warehouse expected. */
@Entity
@Table(name = "count_variance")
public class CountVariance extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "movement_id")
    public String movementId;
    public String sku;
    @Column(name = "location_id")
    public String locationId;
    /** What the WMS expected to count. */
    public BigDecimal expected;
    /** What we held on record before the count. */
    public BigDecimal recorded;
    public BigDecimal counted;
    @Column(name = "recorded_at")
    public OffsetDateTime recordedAt = OffsetDateTime.now();
}
