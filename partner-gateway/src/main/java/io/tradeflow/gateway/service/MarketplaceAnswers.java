package io.tradeflow.gateway.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.tradeflow.contracts.orders.CanonicalOrder;
import io.tradeflow.contracts.orders.LifecycleLine;
import io.tradeflow.contracts.orders.OrderLifecycleChanged;
import io.tradeflow.contracts.partners.PartnerDocumentType;
import io.tradeflow.contracts.partners.PartnerOrderUpdate;
import io.tradeflow.contracts.partners.PartnerOrderUpdate.LineStatus;
import io.tradeflow.contracts.partners.PartnerOrderUpdate.Status;

/**
 * The documents a JSON partner (marketplace, 3PL) gets as its order moves on, with the meaning of the 855, 856 and
 * 810 an EDI partner gets ({@link io.tradeflow.gateway.service.x12.PartnerAnswers}): the same line outcomes, the same
 * price check against the partner's own price, the same refusal with its reason. Pure.
 */
public final class MarketplaceAnswers {

    /** 855: the ERP accepted the order; each line as held, backordered or refused, its price against the partner's. */
    public static PartnerOrderUpdate acknowledgment(OrderLifecycleChanged event, CanonicalOrder original,
                                                    String orderKey) {
        List<PartnerOrderUpdate.Line> lines = new ArrayList<>();
        boolean changed = false;
        for (LifecycleLine line : event.lines()) {
            LineOutcome outcome = LineOutcome.of(line, original.lines());
            boolean held = outcome.held().signum() > 0;
            boolean backordered = outcome.backordered().signum() > 0;
            LineStatus status = held ? backordered ? LineStatus.PARTIALLY_BACKORDERED : LineStatus.ACCEPTED
                    : backordered ? LineStatus.BACKORDERED : LineStatus.REJECTED;
            changed |= outcome.changed();
            lines.add(new PartnerOrderUpdate.Line(line.lineNumber(), line.sku(), line.quantity(), line.unitOfMeasure(),
                    outcome.held(), outcome.backordered(), outcome.ours(), outcome.asked(), outcome.priceChanged(),
                    status));
        }
        return new PartnerOrderUpdate(PartnerDocumentType.PURCHASE_ORDER_ACKNOWLEDGMENT,
                changed ? Status.ACCEPTED_WITH_CHANGES : Status.ACCEPTED, original.customerPoNumber(), orderKey,
                event.erpOrderNumber(), currency(event, original), event.occurredAt(), null, lines, null, null);
    }

    /** 855 that refuses the order: every line refused, and why, so the partner can cancel it or send it again. */
    public static PartnerOrderUpdate rejection(OrderLifecycleChanged event, CanonicalOrder original, String orderKey) {
        List<PartnerOrderUpdate.Line> lines = new ArrayList<>();
        for (LifecycleLine line : event.lines()) {
            lines.add(new PartnerOrderUpdate.Line(line.lineNumber(), line.sku(), line.quantity(), line.unitOfMeasure(),
                    BigDecimal.ZERO, BigDecimal.ZERO, null, LineOutcome.of(line, original.lines()).asked(), false,
                    LineStatus.REJECTED));
        }
        String reason = event.cause() == null || event.cause().isBlank() ? "order rejected" : event.cause().strip();
        return new PartnerOrderUpdate(PartnerDocumentType.PURCHASE_ORDER_ACKNOWLEDGMENT, Status.REJECTED,
                original.customerPoNumber(), orderKey, null, currency(event, original), event.occurredAt(), reason,
                lines, null, null);
    }

    /** 856: the goods of one shipment left the warehouse, with carrier and tracking. */
    public static PartnerOrderUpdate shipNotice(OrderLifecycleChanged event, CanonicalOrder original, String orderKey) {
        return new PartnerOrderUpdate(PartnerDocumentType.SHIP_NOTICE, Status.SHIPPED, original.customerPoNumber(),
                orderKey, event.erpOrderNumber(), currency(event, original), event.occurredAt(), null, null,
                event.shipment(), null);
    }

    /** 810: the ERP's invoice, lines and totals as posted. */
    public static PartnerOrderUpdate invoice(OrderLifecycleChanged event, CanonicalOrder original, String orderKey) {
        return new PartnerOrderUpdate(PartnerDocumentType.INVOICE, Status.INVOICED, original.customerPoNumber(),
                orderKey, event.erpOrderNumber(), event.invoice().total() == null ? currency(event, original)
                        : event.invoice().total().currency(), event.occurredAt(), null, null, null, event.invoice());
    }

    private static String currency(OrderLifecycleChanged event, CanonicalOrder original) {
        return event.currency() != null ? event.currency() : original.currency();
    }

    private MarketplaceAnswers() {
    }
}
