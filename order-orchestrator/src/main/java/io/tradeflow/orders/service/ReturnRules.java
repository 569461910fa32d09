package io.tradeflow.orders.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tradeflow.contracts.orders.CreditMemoPosted;
import io.tradeflow.contracts.orders.OrderState;
import io.tradeflow.contracts.orders.ReturnReceived;
import io.tradeflow.contracts.orders.Shipment;
import io.tradeflow.platform.problem.ProblemException;

/**
 * Return to credit as rules on one order: what may be authorised (only goods that left the warehouse, never more of a
 * line than shipped minus what other returns already cover), what the warehouse's check-in means, and the ERP's
 * credit memo closing it. Pure: the caller holds the order's lock.
 */
public final class ReturnRules {
    /** The goods are with the customer (or on their way): only then is there something to return. */
    static final Set<OrderState> RETURNABLE = EnumSet.of(OrderState.SHIPPED, OrderState.DELIVERED,
            OrderState.INVOICED, OrderState.COMPLETED);

    /** @param lineNumber the order line; quantity in the line's unit of measure */
    public record RequestedLine(int lineNumber, BigDecimal quantity) {
    }

    static ReturnAuthorisation authorise(String returnId, String idempotencyKey, String reason, OrderState state,
                                         List<OrderLineStatus> lines, List<Shipment> shipments,
                                         List<ReturnAuthorisation> earlier, List<RequestedLine> requested,
                                         OffsetDateTime at) {
        if (!RETURNABLE.contains(state)) {
            throw ProblemException.conflict("order-not-returnable", "Only shipped orders can be returned; this one is "
                    + state);
        }
        Map<Integer, BigDecimal> open = returnable(lines, shipments, earlier);
        List<ReturnAuthorisation.Line> authorised = new ArrayList<>();
        Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            RequestedLine r = requested.get(i);
            String field = "lines[" + i + "]";
            OrderLineStatus line = lines.stream().filter(l -> l.lineNumber() == r.lineNumber()).findFirst()
                    .orElseThrow(() -> ProblemException.invalidField(field + ".lineNumber", "is not a line of this order"));
            if (!seen.add(r.lineNumber())) {
                throw ProblemException.invalidField(field + ".lineNumber", "is listed twice");
            }
            BigDecimal left = open.getOrDefault(r.lineNumber(), BigDecimal.ZERO);
            if (r.quantity().compareTo(left) > 0) {
                throw ProblemException.invalidField(field + ".quantity", "only " + left.toPlainString()
                        + " of line " + r.lineNumber() + " can still be returned (shipped less earlier returns)");
            }
            authorised.add(new ReturnAuthorisation.Line(line.lineNumber(), line.sku(), r.quantity(),
                    line.unitOfMeasure(), line.unitPrice(), null, null));
        }
        return new ReturnAuthorisation(returnId, idempotencyKey, ReturnAuthorisation.AUTHORISED, reason,
                List.copyOf(authorised), at, null, null, null, null, null, null);
    }

    /** Per order line: what left the warehouse in all its shipments, less what other returns already cover. */
    static Map<Integer, BigDecimal> returnable(List<OrderLineStatus> lines, List<Shipment> shipments,
                                               List<ReturnAuthorisation> earlier) {
        Map<Integer, BigDecimal> open = new HashMap<>();
        for (Shipment shipment : shipments) {
            if (shipment.lines() != null) {
                shipment.lines().stream().filter(l -> l != null && l.quantity() != null)
                        .forEach(l -> open.merge(l.lineNumber(), l.quantity(), BigDecimal::add));
            }
        }
        if (open.isEmpty()) {
            // No shipment document (the delivery overtook it): what was reserved is what went out.
            lines.forEach(l -> open.put(l.lineNumber(), l.reserved() == null ? l.quantity() : l.reserved()));
        }
        // An authorised return holds its units until it is checked in; more boxes may still come, so it keeps
        // holding what was authorised.
        for (ReturnAuthorisation r : earlier) {
            for (ReturnAuthorisation.Line l : r.lines()) {
                open.merge(l.lineNumber(), l.authorised().negate(), BigDecimal::add);
            }
        }
        return open;
    }

    /**
     * The warehouse checked goods in (a return may come back in several boxes, each its own check-in): each line
     * adds what arrived, at most what was authorised, and the credit memo is requested for what this check-in adds.
     *
     * @throws IllegalArgumentException naming the field when the check-in does not fit the return (the record is
     *                                  dead-lettered for operations)
     */
    static ReturnAuthorisation receive(ReturnAuthorisation rma, ReturnReceived received) {
        if (received.lines() == null || received.lines().isEmpty()) {
            throw new IllegalArgumentException("lines: a check-in of return " + rma.returnId() + " names no line");
        }
        Map<Integer, BigDecimal> arrived = new HashMap<>();
        Map<Integer, String> conditions = new HashMap<>();
        for (int i = 0; i < received.lines().size(); i++) {
            ReturnReceived.Line l = received.lines().get(i);
            String at = "lines[" + i + "]";
            if (l == null || l.quantity() == null || l.quantity().signum() < 0) {
                throw new IllegalArgumentException(at + ".quantity must be zero or more");
            }
            ReturnAuthorisation.Line authorised = rma.lines().stream().filter(a -> a.lineNumber() == l.lineNumber())
                    .findFirst().orElseThrow(() -> new IllegalArgumentException(at + ".lineNumber " + l.lineNumber()
                            + " is not on return " + rma.returnId()));
            if (l.sku() != null && !l.sku().equals(authorised.sku())) {
                throw new IllegalArgumentException(at + ".sku " + l.sku() + " is not the returned " + authorised.sku());
            }
            arrived.merge(l.lineNumber(), l.quantity(), BigDecimal::add);
            if (l.condition() != null) {
                conditions.put(l.lineNumber(), l.condition());
            }
        }
        List<ReturnAuthorisation.Line> checked = new ArrayList<>();
        List<ReturnAuthorisation.Credit> receipt = new ArrayList<>();
        for (ReturnAuthorisation.Line l : rma.lines()) {
            BigDecimal before = l.receivedSoFar();
            BigDecimal now = before.add(arrived.getOrDefault(l.lineNumber(), BigDecimal.ZERO)).min(l.authorised());
            if (now.compareTo(before) > 0) {
                receipt.add(new ReturnAuthorisation.Credit(l.lineNumber(), now.subtract(before)));
            }
            checked.add(new ReturnAuthorisation.Line(l.lineNumber(), l.sku(), l.authorised(), l.unitOfMeasure(),
                    l.unitPrice(), now, conditions.getOrDefault(l.lineNumber(), l.condition())));
        }
        return rma.received(checked, receipt, received.receivedAt() == null ? OffsetDateTime.now()
                : received.receivedAt());
    }

    static ReturnAuthorisation credit(ReturnAuthorisation rma, CreditMemoPosted memo) {
        return rma.credited(memo.creditMemoNumber(), memo.total(),
                memo.postedAt() == null ? OffsetDateTime.now() : memo.postedAt());
    }

    private ReturnRules() {
    }
}
