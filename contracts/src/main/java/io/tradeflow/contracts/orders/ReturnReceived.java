package io.tradeflow.contracts.orders;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Returned goods checked in at the warehouse against a return authorisation, on {@code wms.shipments}
 * (key = orderId, so it stays behind the order's shipment). The WMS restocks them with its own RECEIPT movements on
 * {@code wms.stock-movements}; this tells the orchestrator what to credit.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReturnReceived(String orderId, String returnId, String location, List<Line> lines,
                             OffsetDateTime receivedAt) {

    /** @param condition as graded at the dock, e.g. RESALEABLE or DAMAGED; every received unit is credited */
    public record Line(int lineNumber, String sku, BigDecimal quantity, String condition) {
    }
}
