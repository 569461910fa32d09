package io.tradeflow.gateway.service.x12;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.tradeflow.contracts.common.Address;
import io.tradeflow.contracts.common.Channels;
import io.tradeflow.contracts.common.Money;
import io.tradeflow.contracts.orders.CanonicalOrder;
import io.tradeflow.contracts.orders.OrderLine;
import io.tradeflow.contracts.partners.PartnerRef;

/**
 * Maps an accepted X12 850 to the canonical order: BEG03 is the customer PO number, CUR02 the currency,
 * DTM 002 (delivery requested) or else 010 (ship requested) the requested date, the N1*ST loop (N1/N3/N4)
 * the ship-to, and each PO1 a line with the partner's unit price (PO1-04). The vendor part (VP) is our SKU;
 * the buyer's part (BP/IN) is kept for the answers. Pure.
 */
public final class PurchaseOrder850 {
    // Compiled once: String.matches compiled it again for every PO1 line.
    private static final java.util.regex.Pattern LINE_NUMBER = java.util.regex.Pattern.compile("\\d{1,6}");
    static final String DEFAULT_CURRENCY = "USD";

    /** The envelope references the order keeps, so 855/856/810 can point back at this 850. */
    public record Envelope(String partnerId, String customerId, String interchange, String group, String set) {
    }

    public static CanonicalOrder map(List<X12Segment> body, Envelope envelope) {
        String poNumber = null;
        String currency = DEFAULT_CURRENCY;
        LocalDate deliveryRequested = null;
        LocalDate shipRequested = null;
        String[] shipTo = null;
        boolean inShipTo = false;
        List<OrderLine> lines = new ArrayList<>();
        for (X12Segment segment : body) {
            switch (segment.tag()) {
                case "BEG" -> poNumber = segment.element(3);
                case "CUR" -> currency = segment.has(2) ? segment.element(2) : currency;
                case "DTM" -> {
                    if ("002".equals(segment.element(1))) {
                        deliveryRequested = date(segment.element(2));
                    } else if ("010".equals(segment.element(1))) {
                        shipRequested = date(segment.element(2));
                    }
                }
                case "N1" -> {
                    inShipTo = "ST".equals(segment.element(1));
                    if (inShipTo) {
                        shipTo = new String[] {segment.element(2), null, null, null, null, null, null};
                    }
                }
                case "N3" -> {
                    if (inShipTo) {
                        shipTo[1] = blankToNull(segment.element(1));
                        shipTo[2] = blankToNull(segment.element(2));
                    }
                }
                case "N4" -> {
                    if (inShipTo) {
                        shipTo[3] = blankToNull(segment.element(1));
                        shipTo[4] = blankToNull(segment.element(2));
                        shipTo[5] = blankToNull(segment.element(3));
                        shipTo[6] = segment.has(4) ? segment.element(4) : "US";
                    }
                }
                case "PO1" -> {
                    inShipTo = false;
                    lines.add(line(segment, lines.size() + 1, currency));
                }
                default -> {
                }
            }
        }
        Address address = shipTo == null ? null
                : new Address(shipTo[0], shipTo[1], shipTo[2], shipTo[3], shipTo[4], shipTo[5], shipTo[6]);
        PartnerRef ref = new PartnerRef(envelope.partnerId(), envelope.interchange(), envelope.group(),
                envelope.set());
        return new CanonicalOrder(null, envelope.customerId(), Channels.PARTNER, poNumber,
                deliveryRequested != null ? deliveryRequested : shipRequested, address, currency,
                List.copyOf(lines), null, ref);
    }

    /**
     * The Kafka key and order reference of a partner order: partnerId:PO number, as the contract says. A later attempt
     * at a refused PO adds {@code #n}, so a {@code #} of the PO's own is written twice: PO {@code 88#2} is
     * {@code P:88##2}, never attempt 2 of PO {@code 88} ({@code P:88#2}), and no PO number is refused for its
     * characters.
     */
    public static String orderKey(String partnerId, String poNumber) {
        return partnerId + ":" + poNumber.replace("#", "##");
    }

    private static OrderLine line(X12Segment po1, int ordinal, String currency) {
        String vendorPart = null;
        String buyerPart = null;
        String other = null;
        for (int i = 6; i + 1 <= po1.elements().size(); i += 2) {
            String qualifier = po1.element(i);
            String value = po1.element(i + 1);
            switch (qualifier) {
                case "VP", "VN" -> vendorPart = vendorPart == null ? value : vendorPart;
                case "BP", "IN" -> buyerPart = buyerPart == null ? value : buyerPart;
                default -> other = other == null && !value.isEmpty() ? value : other;
            }
        }
        int lineNumber = LINE_NUMBER.matcher(po1.element(1)).matches() ? Integer.parseInt(po1.element(1)) : ordinal;
        Money price = po1.has(4) ? new Money(new BigDecimal(po1.element(4)), currency) : null;
        String sku = vendorPart != null ? vendorPart : other != null ? other : buyerPart;
        return new OrderLine(lineNumber, sku, new BigDecimal(po1.element(2)), po1.element(3), price, buyerPart);
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value, PurchaseOrderRules.CCYYMMDD);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private PurchaseOrder850() {
    }
}
