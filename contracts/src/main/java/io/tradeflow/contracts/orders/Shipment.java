package io.tradeflow.contracts.orders;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Goods left the warehouse, on {@code wms.shipments} (key = orderId). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Shipment(String orderId, String shipmentId, String shipFromLocation, String carrier,
                       String trackingNumber, List<Line> lines, OffsetDateTime shippedAt) {

    public record Line(int lineNumber, String sku, BigDecimal quantity, String unitOfMeasure) {
    }
}
