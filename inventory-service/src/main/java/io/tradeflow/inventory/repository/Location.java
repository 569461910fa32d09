package io.tradeflow.inventory.repository;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A warehouse or store that holds stock and serves some channels. */
@Entity
@Table(name = "location")
public class Location extends PanacheEntityBase {
    @Id
    public String id;
    @Column(nullable = false)
    public String name;
    /** Comma-separated channel names this location's stock is promised to. */
    @Column(nullable = false)
    public String channels;
    @Column(name = "safety_stock", nullable = false)
    public BigDecimal safetyStock = BigDecimal.ZERO;
}
