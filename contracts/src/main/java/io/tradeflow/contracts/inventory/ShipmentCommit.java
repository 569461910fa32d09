package io.tradeflow.contracts.inventory;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One shipment's goods taken from a reservation ({@code POST /reservations/{id}/commit} with a body): on hand and
 * reserved go down by what shipped, the rest stays held. The same shipment id again changes nothing.
 *
 * @param location where the goods left from: its hold is taken first, and units shipped beyond the hold (a
 *                 backorder filled from stock that arrived later) leave its on hand
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShipmentCommit(String shipmentId, String location, List<Line> lines) {

    public record Line(String sku, BigDecimal quantity) {
    }
}
