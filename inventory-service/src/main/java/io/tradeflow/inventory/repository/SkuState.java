package io.tradeflow.inventory.repository;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The lock every change of a SKU takes first, and the version of its published availability. */
@Entity
@Table(name = "sku_state")
public class SkuState extends PanacheEntityBase {
    @Id
    public String sku;
    public long version;
}
