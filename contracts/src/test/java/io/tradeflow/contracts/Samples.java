package io.tradeflow.contracts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import io.tradeflow.contracts.common.Address;
import io.tradeflow.contracts.common.CustomerRef;
import io.tradeflow.contracts.common.Money;
import io.tradeflow.contracts.common.Quantity;
import io.tradeflow.contracts.customers.CreditStatus;
import io.tradeflow.contracts.customers.CrmAccount;
import io.tradeflow.contracts.customers.ErpCustomer;
import io.tradeflow.contracts.customers.OpportunityWon;
import io.tradeflow.contracts.inventory.AvailabilityChanged;
import io.tradeflow.contracts.inventory.HoldRenewal;
import io.tradeflow.contracts.inventory.InventorySnapshot;
import io.tradeflow.contracts.inventory.MovementType;
import io.tradeflow.contracts.inventory.ReservationOutcome;
import io.tradeflow.contracts.inventory.ReservationPolicy;
import io.tradeflow.contracts.inventory.ReservationRequest;
import io.tradeflow.contracts.inventory.ReservationStatus;
import io.tradeflow.contracts.inventory.ShipmentCommit;
import io.tradeflow.contracts.inventory.StockMovement;
import io.tradeflow.contracts.orders.CancelSalesOrderCommand;
import io.tradeflow.contracts.orders.CanonicalOrder;
import io.tradeflow.contracts.orders.CarrierMilestone;
import io.tradeflow.contracts.orders.CreateCreditMemoCommand;
import io.tradeflow.contracts.orders.CreateSalesOrderCommand;
import io.tradeflow.contracts.orders.CreditMemoPosted;
import io.tradeflow.contracts.orders.InvoicePosted;
import io.tradeflow.contracts.orders.LifecycleLine;
import io.tradeflow.contracts.orders.MilestoneStatus;
import io.tradeflow.contracts.orders.OrderLifecycleChanged;
import io.tradeflow.contracts.orders.OrderLine;
import io.tradeflow.contracts.orders.OrderState;
import io.tradeflow.contracts.orders.SalesOrderAccepted;
import io.tradeflow.contracts.orders.SalesOrderRejected;
import io.tradeflow.contracts.orders.Shipment;
import io.tradeflow.contracts.partners.ControlNumbers;
import io.tradeflow.contracts.partners.DocumentDirection;
import io.tradeflow.contracts.partners.PartnerDocumentRef;
import io.tradeflow.contracts.partners.PartnerDocumentType;
import io.tradeflow.contracts.partners.PartnerOrderUpdate;
import io.tradeflow.contracts.partners.PartnerRef;
import io.tradeflow.contracts.pricing.AppliedPromotion;
import io.tradeflow.contracts.pricing.ContractPrice;
import io.tradeflow.contracts.pricing.ListPrice;
import io.tradeflow.contracts.pricing.PriceChanged;
import io.tradeflow.contracts.pricing.PriceLevel;
import io.tradeflow.contracts.pricing.PriceRule;
import io.tradeflow.contracts.pricing.PriceSource;
import io.tradeflow.contracts.pricing.Promotion;
import io.tradeflow.contracts.pricing.QuantityRule;
import io.tradeflow.contracts.pricing.Quote;
import io.tradeflow.contracts.pricing.QuoteLine;
import io.tradeflow.contracts.pricing.QuoteRequest;
import io.tradeflow.contracts.pricing.TierPrice;
import io.tradeflow.contracts.pricing.UnpriceableReason;
import io.tradeflow.contracts.pricing.VolumeBreak;

/**
 * One fully populated instance of every contract record. Values are deliberately awkward (trailing zeros,
 * non-UTC offsets, sub-millisecond times) so a lossy mapping shows up as a failed round trip.
 */
public final class Samples {
    static final OffsetDateTime T = OffsetDateTime.parse("2025-03-01T09:03:27.512345-05:00");
    static final LocalDate D = LocalDate.parse("2025-03-08");
    static final Money PRICE = Money.of("12.50", "USD");
    static final Address ADDRESS = new Address("Acme Hardware DC", "100 Industrial Way", "Dock 4", "Columbus", "OH",
            "43215", "US");
    static final PartnerRef PARTNER = new PartnerRef("acme-edi", "000000123", "123", "0001");
    static final List<PriceSource> SOURCES = List.of(new PriceSource("LP-HX-1001-USD", 7),
            new PriceSource("PR-SPRING25", 1));
    static final AppliedPromotion PROMO = new AppliedPromotion("SPRING25", "Spring 10%", Money.of("1.25", "USD"));
    static final Shipment SHIPMENT = new Shipment("ord-1", "shp-1", "DC-EAST", "UPS", "1Z999AA10123456784",
            List.of(new Shipment.Line(1, "HX-1001", dec("10"), "EA")), T);
    static final InvoicePosted INVOICE = new InvoicePosted("ord-1", "SO-1", "INV-1", D, D.plusDays(30),
            Money.of("125.00", "USD"), Money.of("8.75", "USD"), Money.of("133.75", "USD"),
            List.of(new InvoicePosted.Line(1, "HX-1001", dec("10"), "EA", PRICE, Money.of("125.00", "USD"))), T);

    public static List<Object> all() {
        return List.of(
                PRICE,
                Quantity.of("2.500", "KG"),
                ADDRESS,
                new CustomerRef("C-1001", "Acme Hardware"),
                new StockMovement("HX-1001", "DC-EAST", MovementType.TRANSFER, dec("5"), "DC-WEST", null, "rebalance", T),
                new StockMovement("HX-1001", "DC-EAST", MovementType.CYCLE_COUNT, dec("118"), null, dec("120"), "count", T),
                new AvailabilityChanged("HX-1001", 42,
                        List.of(new AvailabilityChanged.ChannelAvailability("storefront", dec("95"))),
                        List.of(new AvailabilityChanged.LocationAvailability("DC-EAST", dec("120"), dec("15"),
                                dec("10"), dec("0"), dec("95"))),
                        "evt-1", T, T.plusNanos(18_000_000)),
                new InventorySnapshot("snap-1", "DC-EAST", T, List.of(new InventorySnapshot.Line("HX-1001", dec("118")))),
                new ReservationRequest("res-1", "ord-1", "storefront", ReservationPolicy.ALL_OR_NOTHING, 900,
                        List.of(new ReservationRequest.Line("HX-1001", dec("3")))),
                new ReservationOutcome("res-1", "ord-1", ReservationStatus.PARTIALLY_HELD, ReservationPolicy.PARTIAL,
                        List.of(new ReservationOutcome.Line("HX-1001", dec("3"), dec("2"), dec("1"), dec("1"))),
                        T.plusMinutes(15)),
                new ReservationOutcome("res-2", "ord-2", ReservationStatus.HELD, ReservationPolicy.ALL_OR_NOTHING,
                        List.of(new ReservationOutcome.Line("HX-1001", dec("5"), dec("5"), dec("0"), null, dec("3"))),
                        T.plusMinutes(15)),
                new ShipmentCommit("shp-1", "DC-EAST", List.of(new ShipmentCommit.Line("HX-1001", dec("3")))),
                new HoldRenewal(604800),
                new ListPrice("LP-1", 7, false, "HX-1001", Money.of("14.90", "USD"), "EA", D, null),
                new ContractPrice("CP-1", 3, false, "K-88", "C-1001", "HX-1001", PRICE, "EA", D, D.plusYears(1)),
                new TierPrice("TP-1", 2, true, "GOLD", null, "HX-1001", Money.of("13.40", "USD"), "EA", null, null),
                new VolumeBreak("VB-1", 1, false, "HX-1001", PriceLevel.CONTRACT, "K-88", dec("100"), "EA", null,
                        dec("5.0"), D, null),
                new Promotion("PR-1", 1, false, "SPRING25", "Spring 10%", dec("10"), null, List.of("storefront"),
                        List.of("HX-1001"), true, D, D.plusDays(30)),
                new QuantityRule("QR-1", 1, false, "HX-1001", "EA", dec("1"), dec("5000"), dec("5"), null, null),
                new PriceChanged("HX-1001", "storefront", "GOLD", "EA", Money.of("14.90", "USD"),
                        Money.of("13.41", "USD"), PriceRule.PROMOTION, PROMO, T, T.plusDays(30), SOURCES),
                new QuoteRequest("C-1001", "crm", "USD", List.of(new QuoteRequest.Line("HX-1001", dec("120"), "EA"))),
                new QuoteLine(1, "HX-1001", dec("120"), "EA", PRICE, Money.of("1500.00", "USD"), PriceRule.VOLUME_BREAK,
                        PROMO, SOURCES, T.plusDays(3), null, null),
                new Quote("q-1", "C-1001", "crm", "USD", T, T.plusDays(3),
                        List.of(new QuoteLine(1, "HX-1001", dec("120"), "EA", PRICE, Money.of("1500.00", "USD"),
                                        PriceRule.CONTRACT, null, SOURCES, T.plusDays(3), null, null),
                                new QuoteLine(2, "NOPE-1", dec("1"), "EA", null, null, null, null, null, null,
                                        UnpriceableReason.UNKNOWN_SKU, "no list price for NOPE-1")),
                        Money.of("1500.00", "USD"), List.of("customer-unknown")),
                new CrmAccount("C-1001", "Acme Hardware", "GOLD", "RETAIL", "ORGILL", "jane.doe", T),
                new ErpCustomer("C-1001", "Acme Hardware", Money.of("50000.00", "USD"), Money.of("12000.50", "USD"),
                        CreditStatus.HOLD, ReservationPolicy.PARTIAL, ADDRESS, 12, T),
                new OpportunityWon("OPP-1", "C-1001", "jane.doe", "q-1", "USD", "PO-1", D, ADDRESS,
                        List.of(new OpportunityWon.Line(1, "HX-1001", dec("200"), "EA", Money.of("11.875", "USD"))), T),
                new CanonicalOrder(null, "C-1001", "partner", "PO-55120", D, ADDRESS, "USD",
                        List.of(new OrderLine(1, "HX-1001", dec("10"), "EA", PRICE, "ACME-778")), "q-1", PARTNER),
                new OrderLifecycleChanged("ord-1", 7, "C-1001", "partner", "PO-55120", OrderState.INVOICED,
                        OrderState.DELIVERED, "erp invoice INV-1", T, "USD",
                        List.of(new LifecycleLine(1, "HX-1001", dec("10"), "EA", PRICE, PriceRule.CONTRACT, dec("8"),
                                dec("2"))),
                        "SO-1", SHIPMENT, INVOICE, PARTNER),
                new CreateSalesOrderCommand("ord-1", "C-1001", "storefront", "PO-1", D, ADDRESS, "USD",
                        List.of(new CreateSalesOrderCommand.Line(1, "HX-1001", dec("10"), "EA", PRICE)), "q-1"),
                new CancelSalesOrderCommand("ord-1", null, "cancel requested"),
                new CreateCreditMemoCommand("ord-1", "rma-1", "C-1001", "SO-1", "INV-1", "USD",
                        List.of(new CreateCreditMemoCommand.Line(1, "HX-1001", dec("2"), "EA", PRICE)), "damaged"),
                new SalesOrderAccepted("ord-1", "SO-1", T),
                new SalesOrderRejected("ord-1", "E-7", "ship-to unknown", T),
                INVOICE,
                new CreditMemoPosted("ord-1", "rma-1", "C-1001", "CM-1", Money.of("26.75", "USD"), T),
                SHIPMENT,
                new io.tradeflow.contracts.orders.ReturnReceived("ord-1", "rma-1", "DC-EAST",
                        List.of(new io.tradeflow.contracts.orders.ReturnReceived.Line(1, "HX-1001", dec("2"), "DAMAGED")),
                        T),
                new CarrierMilestone("ord-1", "shp-1", "UPS", "1Z999AA10123456784", MilestoneStatus.DELIVERED,
                        "left at dock", T),
                PARTNER,
                PROMO,
                SOURCES.get(0),
                new OrderLine(2, "HX-2002", dec("1"), "CS", null, null),
                new LifecycleLine(2, "HX-2002", dec("1"), "CS", null, null, null, null),
                new ControlNumbers("000000124", "124", "0001"),
                new PartnerDocumentRef("acme-edi", PartnerDocumentType.SHIP_NOTICE, DocumentDirection.OUTBOUND,
                        new ControlNumbers("000000124", "124", "0001")),
                new PartnerOrderUpdate(PartnerDocumentType.PURCHASE_ORDER_ACKNOWLEDGMENT,
                        PartnerOrderUpdate.Status.ACCEPTED_WITH_CHANGES, "MP-778", "mkt-1:MP-778", "SO-1", "USD", T,
                        null, List.of(new PartnerOrderUpdate.Line(1, "HX-1001", dec("10"), "EA", dec("8"), dec("2"),
                                PRICE, Money.of("12.00", "USD"), true,
                                PartnerOrderUpdate.LineStatus.PARTIALLY_BACKORDERED)), null, null),
                new PartnerOrderUpdate(PartnerDocumentType.SHIP_NOTICE, PartnerOrderUpdate.Status.SHIPPED, "MP-778",
                        "mkt-1:MP-778", "SO-1", "USD", T, null, null, SHIPMENT, null));
    }

    static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    private Samples() {
    }
}
