package io.tradeflow.inventory.repository;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** Stock held for an order until it ships (commit), is released, or its hold expires. */
@Entity
@Table(name = "reservation")
public class Reservation extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "order_id")
    public String orderId;
    public String channel;
    public String policy;
    public String status;
    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;
    @Column(name = "created_at")
    public OffsetDateTime createdAt = OffsetDateTime.now();
    /** The JSON outcome given to the caller, replayed for a repeated reservation id. */
    public String outcome;
}
