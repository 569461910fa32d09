package io.tradeflow.inventory.repository;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One applied warehouse movement, as logged for rebuilds and audits. */
@Entity
@Table(name = "movement")
public class MovementRecord extends PanacheEntityBase {
    @Id
    public String id;
    /** Application order, assigned by the database; rebuilds replay in this order. */
    @Column(insertable = false, updatable = false)
    public Long seq;
    public String sku;
    @Column(name = "location_id")
    public String locationId;
    public String type;
    public BigDecimal quantity;
    @Column(name = "to_location_id")
    public String toLocationId;
    @Column(name = "expected_quantity")
    public BigDecimal expectedQuantity;
    public String reason;
    @Column(name = "occurred_at")
    public OffsetDateTime occurredAt;
    @Column(name = "applied_at")
    public OffsetDateTime appliedAt = OffsetDateTime.now();
}
