package io.tradeflow.contracts.inventory;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The ERP's physical on-hand at one location at {@code takenAt}, on {@code erp.inventory-snapshots}
 * (key = location). Physical stock: it includes units we hold as reserved.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InventorySnapshot(String snapshotId, String location, OffsetDateTime takenAt, List<Line> lines) {

    public record Line(String sku, BigDecimal onHand) {
    }
}
