package io.tradeflow.orders.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tradeflow.contracts.inventory.ShipmentCommit;
import io.tradeflow.contracts.orders.Shipment;

/**
 * What an order's shipments take from its reservation. A shipment that lists its lines commits just those units
 * (inventory counts each shipment id once, so committing all of them again after a retry is harmless); one that
 * lists none is taken to have carried everything still held. Pure.
 */
public final class ShipmentCommits {

    /** The per-shipment commits, oldest first, for the shipments that list their lines. */
    static List<ShipmentCommit> itemised(List<OrderLineStatus> lines, List<Shipment> shipments) {
        List<ShipmentCommit> commits = new ArrayList<>();
        for (Shipment shipment : shipments) {
            if (!itemised(shipment)) {
                continue;
            }
            List<ShipmentCommit.Line> shipped = new ArrayList<>();
            for (Shipment.Line l : shipment.lines()) {
                String sku = skuOf(lines, l);
                if (sku != null && l.quantity().signum() > 0) {
                    shipped.add(new ShipmentCommit.Line(sku, l.quantity()));
                }
            }
            if (!shipped.isEmpty()) {
                commits.add(new ShipmentCommit(shipment.shipmentId(), shipment.shipFromLocation(), shipped));
            }
        }
        return commits;
    }

    /** True when some shipment did not say what it carried (or none is recorded: a delivery implied it). */
    static boolean takesEverythingHeld(List<Shipment> shipments) {
        return shipments.isEmpty() || shipments.stream().anyMatch(s -> !itemised(s));
    }

    /**
     * True when the shipments listed their lines and left part of the hold unshipped: once invoiced, the order will
     * ship nothing more, so that part goes back on sale.
     */
    public static boolean holdLeft(List<OrderLineStatus> lines, List<Shipment> shipments) {
        if (takesEverythingHeld(shipments)) {
            return false;
        }
        Map<String, BigDecimal> shipped = new HashMap<>();
        for (ShipmentCommit c : itemised(lines, shipments)) {
            c.lines().forEach(l -> shipped.merge(l.sku(), l.quantity(), BigDecimal::add));
        }
        Map<String, BigDecimal> held = new HashMap<>();
        for (OrderLineStatus l : lines) {
            BigDecimal reserved = l.reserved() == null ? l.quantity() : l.reserved();
            held.merge(l.sku(), reserved, BigDecimal::add);
        }
        return held.entrySet().stream().anyMatch(h ->
                h.getValue().compareTo(shipped.getOrDefault(h.getKey(), BigDecimal.ZERO)) > 0);
    }

    private static boolean itemised(Shipment shipment) {
        return shipment.lines() != null && !shipment.lines().isEmpty()
                && shipment.lines().stream().allMatch(l -> l != null && l.quantity() != null);
    }

    private static String skuOf(List<OrderLineStatus> lines, Shipment.Line shipped) {
        if (shipped.sku() != null) {
            return shipped.sku();
        }
        return lines.stream().filter(l -> l.lineNumber() == shipped.lineNumber()).map(OrderLineStatus::sku)
                .findFirst().orElse(null);
    }

    private ShipmentCommits() {
    }
}
