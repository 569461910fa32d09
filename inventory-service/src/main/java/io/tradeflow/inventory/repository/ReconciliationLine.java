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

/** ERP physical on-hand of one SKU against ours at the snapshot's time. */
@Entity
@Table(name = "reconciliation_line")
@IdClass(ReconciliationLine.Key.class)
public class ReconciliationLine extends PanacheEntityBase {
    @Id
    @Column(name = "snapshot_id")
    public String snapshotId;
    @Id
    public String sku;
    @Column(name = "erp_on_hand")
    public BigDecimal erpOnHand;
    /** Our on-hand now, minus what moved after the snapshot was taken. */
    @Column(name = "ours_at_snapshot")
    public BigDecimal oursAtSnapshot;
    @Column(name = "moved_since")
    public BigDecimal movedSince;
    /** ERP minus ours: positive means the ERP counts more than we hold. */
    public BigDecimal drift;

    public static class Key implements Serializable {
        public String snapshotId;
        public String sku;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(snapshotId, k.snapshotId) && Objects.equals(sku, k.sku);
        }

        @Override
        public int hashCode() {
            return Objects.hash(snapshotId, sku);
        }
    }
}
