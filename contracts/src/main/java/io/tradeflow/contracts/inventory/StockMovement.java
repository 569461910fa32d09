package io.tradeflow.contracts.inventory;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One warehouse movement, published by the WMS on {@code wms.stock-movements} (key = SKU).
 *
 * @param quantity         in the SKU's stocking unit; absolute for {@link MovementType#CYCLE_COUNT},
 *                         signed for {@link MovementType#ADJUSTMENT}, positive otherwise
 * @param toLocation       only for {@link MovementType#TRANSFER}
 * @param expectedQuantity only for {@link MovementType#CYCLE_COUNT}: what the counter was told to expect;
 *                         a difference from our figure is recorded as a count variance
 * @param reason           free text or a WMS reason code (damage, return RMA-123, ...)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StockMovement(String sku, String location, MovementType type, BigDecimal quantity, String toLocation,
                            BigDecimal expectedQuantity, String reason, OffsetDateTime occurredAt) {
}
