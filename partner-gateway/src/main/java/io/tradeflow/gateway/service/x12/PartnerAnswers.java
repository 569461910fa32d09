package io.tradeflow.gateway.service.x12;

import static io.tradeflow.gateway.service.x12.X12Writer.segment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import io.tradeflow.contracts.orders.CanonicalOrder;
import io.tradeflow.contracts.orders.InvoicePosted;
import io.tradeflow.contracts.orders.LifecycleLine;
import io.tradeflow.contracts.orders.OrderLifecycleChanged;
import io.tradeflow.contracts.orders.OrderLine;
import io.tradeflow.gateway.service.LineOutcome;
import io.tradeflow.contracts.orders.Shipment;

/**
 * The documents a partner gets as its order moves on: 855 when the ERP accepts it, 856 when it ships,
 * 810 when it is invoiced. Each refers back to the partner's PO number and date and to the buyer's part
 * numbers it sent; the 855 flags every price that differs from the partner's PO1-04. Pure.
 */
public final class PartnerAnswers {
    private static final DateTimeFormatter CCYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    /** What the gateway kept of the partner's 850. */
    public record OriginalOrder(CanonicalOrder order, LocalDate poDate) {
        OrderLine line(int lineNumber) {
            return order.lines().stream().filter(l -> l.lineNumber() == lineNumber).findFirst().orElse(null);
        }
    }

    public static X12Writer.TransactionSet poAcknowledgment855(OrderLifecycleChanged event, OriginalOrder original) {
        List<List<String>> lines = new ArrayList<>();
        boolean changed = false;
        for (LifecycleLine line : event.lines()) {
            OrderLine asked = original.line(line.lineNumber());
            LineOutcome outcome = LineOutcome.of(line, original.order().lines());
            lines.add(item("PO1", line.lineNumber(), line.quantity(), line.unitOfMeasure(),
                    outcome.ours() == null ? null : outcome.ours().amount(), asked, line.sku()));
            if (outcome.held().signum() > 0) {
                lines.add(segment("ACK", outcome.priceChanged() ? "IP" : "IA", number(outcome.held()),
                        line.unitOfMeasure()));
            }
            if (outcome.backordered().signum() > 0) {
                lines.add(segment("ACK", "IB", number(outcome.backordered()), line.unitOfMeasure()));
            }
            if (outcome.held().signum() == 0 && outcome.backordered().signum() == 0) {
                lines.add(segment("ACK", "IR", number(line.quantity()), line.unitOfMeasure()));
            }
            changed |= outcome.changed();
        }
        List<List<String>> segments = new ArrayList<>();
        segments.add(segment("BAK", "00", changed ? "AC" : "AD", event.customerPoNumber(), date(original.poDate()),
                "", "", "", event.erpOrderNumber() == null ? "" : event.erpOrderNumber(),
                date(event.occurredAt() == null ? LocalDate.now() : event.occurredAt().toLocalDate())));
        segments.add(segment("CUR", "SE", currency(event, original)));
        segments.addAll(lines);
        segments.add(segment("CTT", String.valueOf(event.lines().size())));
        return new X12Writer.TransactionSet("855", segments);
    }

    /**
     * The 855 of an order we will not fill (refused before the ERP took it, or refused by the ERP): BAK02 RD, every
     * line ACK IR, and why in an N9/MSG note, so the buyer's system closes the PO instead of waiting for goods.
     */
    public static X12Writer.TransactionSet poRejection855(OrderLifecycleChanged event, OriginalOrder original) {
        List<List<String>> segments = new ArrayList<>();
        segments.add(segment("BAK", "00", "RD", event.customerPoNumber(), date(original.poDate()), "", "", "", "",
                date(event.occurredAt() == null ? LocalDate.now() : event.occurredAt().toLocalDate())));
        segments.add(segment("CUR", "SE", currency(event, original)));
        segments.add(segment("N9", "L1", "REJECTED"));
        // MSG01 is AN 1/264; X12Writer keeps the partner's delimiters out of it.
        String reason = event.cause() == null || event.cause().isBlank() ? "order rejected" : event.cause().strip();
        segments.add(segment("MSG", reason.length() > 264 ? reason.substring(0, 264) : reason));
        for (LifecycleLine line : event.lines()) {
            OrderLine asked = original.line(line.lineNumber());
            BigDecimal askedPrice = asked == null || asked.unitPrice() == null ? null : asked.unitPrice().amount();
            segments.add(item("PO1", line.lineNumber(), line.quantity(), line.unitOfMeasure(), askedPrice, asked,
                    line.sku()));
            segments.add(segment("ACK", "IR", number(line.quantity()), line.unitOfMeasure()));
        }
        segments.add(segment("CTT", String.valueOf(event.lines().size())));
        return new X12Writer.TransactionSet("855", segments);
    }

    public static X12Writer.TransactionSet shipNotice856(OrderLifecycleChanged event, OriginalOrder original) {
        Shipment shipment = event.shipment();
        List<List<String>> segments = new ArrayList<>();
        LocalDate shipped = shipment.shippedAt() == null ? LocalDate.now() : shipment.shippedAt().toLocalDate();
        segments.add(segment("BSN", "00", shipment.shipmentId(), date(shipped),
                shipment.shippedAt() == null ? "0000" : String.format("%02d%02d", shipment.shippedAt().getHour(),
                        shipment.shippedAt().getMinute()), "0004"));
        // 0004: shipment, order, item. The warehouse reports no cartons, so there is no pack level to declare.
        segments.add(segment("HL", "1", "", "S"));
        // TD503 (SCAC) and REF02 are required once their segment is sent: an unknown carrier or tracking
        // number leaves the segment out rather than send one the partner's translator rejects.
        if (shipment.carrier() != null && !shipment.carrier().isBlank()) {
            segments.add(segment("TD5", "B", "2", shipment.carrier()));
        }
        if (shipment.trackingNumber() != null && !shipment.trackingNumber().isBlank()) {
            segments.add(segment("REF", "CN", shipment.trackingNumber()));
        }
        segments.add(segment("DTM", "011", date(shipped)));
        segments.add(segment("HL", "2", "1", "O"));
        segments.add(segment("PRF", event.customerPoNumber(), "", "", date(original.poDate())));
        int hl = 2;
        for (Shipment.Line line : shipment.lines()) {
            OrderLine asked = original.line(line.lineNumber());
            segments.add(segment("HL", String.valueOf(++hl), "2", "I"));
            List<String> lin = new ArrayList<>(segment("LIN", String.valueOf(line.lineNumber())));
            lin.addAll(productIds(asked, line.sku()));
            segments.add(lin);
            segments.add(segment("SN1", String.valueOf(line.lineNumber()), number(line.quantity()),
                    line.unitOfMeasure()));
        }
        segments.add(segment("CTT", String.valueOf(hl)));
        return new X12Writer.TransactionSet("856", segments);
    }

    public static X12Writer.TransactionSet invoice810(OrderLifecycleChanged event, OriginalOrder original) {
        InvoicePosted invoice = event.invoice();
        List<List<String>> segments = new ArrayList<>();
        segments.add(segment("BIG", date(invoice.invoiceDate()), invoice.invoiceNumber(), date(original.poDate()),
                event.customerPoNumber()));
        segments.add(segment("CUR", "SE", invoice.total() == null ? currency(event, original)
                : invoice.total().currency()));
        for (InvoicePosted.Line line : invoice.lines()) {
            OrderLine asked = original.line(line.lineNumber());
            segments.add(item("IT1", line.lineNumber(), line.quantity(), line.unitOfMeasure(),
                    line.unitPrice() == null ? null : line.unitPrice().amount(), asked, line.sku()));
        }
        BigDecimal total = invoice.total() == null ? BigDecimal.ZERO : invoice.total().amount();
        // TDS01 is an amount with two implied decimals.
        segments.add(segment("TDS", total.setScale(2, RoundingMode.HALF_UP).movePointRight(2).toPlainString()));
        segments.add(segment("CTT", String.valueOf(invoice.lines().size())));
        return new X12Writer.TransactionSet("810", segments);
    }

    private static List<String> item(String tag, int lineNumber, BigDecimal quantity, String uom, BigDecimal price,
                                     OrderLine asked, String sku) {
        List<String> segment = new ArrayList<>(segment(tag, String.valueOf(lineNumber), number(quantity), uom,
                price == null ? "" : number(price), price == null ? "" : "PE"));
        segment.addAll(productIds(asked, sku));
        return segment;
    }

    private static List<String> productIds(OrderLine asked, String sku) {
        List<String> ids = new ArrayList<>();
        if (asked != null && asked.buyerPartNumber() != null) {
            ids.add("BP");
            ids.add(asked.buyerPartNumber());
        }
        ids.add("VP");
        ids.add(sku);
        return ids;
    }

    private static String currency(OrderLifecycleChanged event, OriginalOrder original) {
        return event.currency() != null ? event.currency()
                : original.order().currency() != null ? original.order().currency() : "USD";
    }

    static String number(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }

    private static String date(LocalDate date) {
        return date == null ? "" : CCYYMMDD.format(date);
    }

    private PartnerAnswers() {
    }
}
