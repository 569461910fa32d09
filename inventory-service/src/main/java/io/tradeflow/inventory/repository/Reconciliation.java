package io.tradeflow.inventory.repository;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An ERP inventory snapshot of one location, compared with our stock; the lines hold the drift. */
@Entity
@Table(name = "reconciliation")
public class Reconciliation extends PanacheEntityBase {
    @Id
    @Column(name = "snapshot_id")
    public String snapshotId;
    @Column(name = "location_id")
    public String locationId;
    @Column(name = "taken_at")
    public OffsetDateTime takenAt;
    @Column(name = "received_at")
    public OffsetDateTime receivedAt = OffsetDateTime.now();
}
