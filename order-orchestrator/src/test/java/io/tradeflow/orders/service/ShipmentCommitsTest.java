package io.tradeflow.orders.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.tradeflow.contracts.inventory.ShipmentCommit;
import io.tradeflow.contracts.orders.Shipment;

/** What each shipment of an order takes from its reservation, and what is left held once it is invoiced. */
class ShipmentCommitsTest {
    static final OffsetDateTime AT = OffsetDateTime.parse("2026-12-07T10:00:00Z");
    final List<OrderLineStatus> lines = List.of(
            OrderLineStatus.requested(1, "SKU-1", new BigDecimal("5"), "EA", null)
                    .reserved(new BigDecimal("5"), BigDecimal.ZERO),
            OrderLineStatus.requested(2, "SKU-2", new BigDecimal("3"), "EA", null)
                    .reserved(new BigDecimal("2"), BigDecimal.ONE));

    @Test
    void eachShipmentThatListsItsLinesCommitsThemFromItsWarehouseNamingSkusByOrderLine() {
        Shipment east = shipment("SH-1", "DC-EAST", new Shipment.Line(1, null, new BigDecimal("5"), "EA"));
        Shipment west = shipment("SH-2", "DC-WEST", new Shipment.Line(2, "SKU-2", new BigDecimal("2"), "EA"));

        List<ShipmentCommit> commits = ShipmentCommits.itemised(lines, List.of(east, west));

        assertThat(commits).containsExactly(
                new ShipmentCommit("SH-1", "DC-EAST", List.of(new ShipmentCommit.Line("SKU-1", new BigDecimal("5")))),
                new ShipmentCommit("SH-2", "DC-WEST", List.of(new ShipmentCommit.Line("SKU-2", new BigDecimal("2")))));
        assertThat(ShipmentCommits.takesEverythingHeld(List.of(east, west))).isFalse();
        assertThat(ShipmentCommits.holdLeft(lines, List.of(east, west))).as("all 7 held units shipped").isFalse();
    }

    @Test
    void aShipmentThatDoesNotSayWhatItCarriedOrNoShipmentAtAllTakesEverythingHeld() {
        Shipment bare = new Shipment("O-1", "SH-9", "DC", "UPS", "1Z", null, AT);
        assertThat(ShipmentCommits.takesEverythingHeld(List.of())).isTrue();
        assertThat(ShipmentCommits.takesEverythingHeld(List.of(bare))).isTrue();
        assertThat(ShipmentCommits.itemised(lines, List.of(bare))).isEmpty();
        assertThat(ShipmentCommits.holdLeft(lines, List.of(bare))).isFalse();
    }

    @Test
    void unitsHeldButNeverShippedAreLeftOverOnceTheShipmentsAreIn() {
        Shipment part = shipment("SH-1", "DC", new Shipment.Line(1, "SKU-1", new BigDecimal("5"), "EA"),
                new Shipment.Line(2, "SKU-2", new BigDecimal("1"), "EA"));
        assertThat(ShipmentCommits.holdLeft(lines, List.of(part))).isTrue();
    }

    private static Shipment shipment(String id, String from, Shipment.Line... shipped) {
        return new Shipment("O-1", id, from, "UPS", "1Z" + id, List.of(shipped), AT);
    }
}
