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
                                         List<OrderLineStatus> lines, Shipment shipment,
                                         List<ReturnAuthorisation> earlier, List<RequestedLine> requested,
                                         OffsetDateTime at) {
        if (!RETURNABLE.contains(state)) {
            throw ProblemException.conflict("order-not-returnable", "Only shipped orders can be returned; this one is "
                    + state);
        }
        Map<Integer, BigDecimal> open = returnable(lines, shipment, earlier);
        List<ReturnAuthorisation.Line> authorised = new ArrayList<>();
        Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            RequestedLine r = requested.get(i);
            OrderLineStatus line = lines.stream().filter(l -> l.lineNumber() == r.lineNumber()).findFirst()
                    .orElseThrow(() -> ProblemException.invalidField("lines[" + at(requested, r) + "].lineNumber",
                            "is not a line of this order"));
            if (!seen.add(r.lineNumber())) {
                throw ProblemException.invalidField("lines[" + i + "].lineNumber", "is listed twice");
            }
            BigDecimal left = open.getOrDefault(r.lineNumber(), BigDecimal.ZERO);
            if (r.quantity().compareTo(left) > 0) {
                throw ProblemException.invalidField("lines[" + i + "].quantity", "only " + left.toPlainString()
                        + " of line " + r.lineNumber() + " can still be returned (shipped less earlier returns)");
            }
            authorised.add(new ReturnAuthorisation.Line(line.lineNumber(), line.sku(), r.quantity(),
                    line.unitOfMeasure(), line.unitPrice(), null, null));
        }
        return new ReturnAuthorisation(returnId, idempotencyKey, ReturnAuthorisation.AUTHORISED, reason,
                List.copyOf(authorised), at, null, null, null, null);
    }

    /** Per order line: what left the warehouse, less what other returns already cover. */
    static Map<Integer, BigDecimal> returnable(List<OrderLineStatus> lines, Shipment shipment,
                                               List<ReturnAuthorisation> earlier) {
        Map<Integer, BigDecimal> open = new HashMap<>();
        if (shipment != null && shipment.lines() != null) {
            shipment.lines().forEach(l -> open.merge(l.lineNumber(), l.quantity(), BigDecimal::add));
        } else {
            // No shipment document (the delivery overtook it): what was reserved is what went out.
            lines.forEach(l -> open.put(l.lineNumber(), l.reserved() == null ? l.quantity() : l.reserved()));
        }
        for (ReturnAuthorisation r : earlier) {
            for (ReturnAuthorisation.Line l : r.lines()) {
                BigDecimal covered = r.receivedAt() != null && l.received() != null ? l.received() : l.authorised();
                open.merge(l.lineNumber(), covered.negate(), BigDecimal::add);
            }
        }
        return open;
    }

    /**
     * The warehouse checked goods in: each authorised line is credited for what arrived, at most what was
     * authorised.
     *
     * @throws IllegalArgumentException when the return is unknown or already received (the record is dead-lettered)
     */
    static ReturnAuthorisation receive(ReturnAuthorisation rma, ReturnReceived received) {
        if (!ReturnAuthorisation.AUTHORISED.equals(rma.state())) {
            throw new IllegalArgumentException("return " + rma.returnId() + " was already received");
        }
        Map<Integer, ReturnReceived.Line> arrived = new HashMap<>();
        for (ReturnReceived.Line l : received.lines() == null ? List.<ReturnReceived.Line>of() : received.lines()) {
            arrived.merge(l.lineNumber(), l, (a, b) -> new ReturnReceived.Line(a.lineNumber(), a.sku(),
                    a.quantity().add(b.quantity()), a.condition()));
        }
        List<ReturnAuthorisation.Line> checked = new ArrayList<>();
        for (ReturnAuthorisation.Line l : rma.lines()) {
            ReturnReceived.Line in = arrived.get(l.lineNumber());
            BigDecimal quantity = in == null ? BigDecimal.ZERO : in.quantity().min(l.authorised());
            checked.add(new ReturnAuthorisation.Line(l.lineNumber(), l.sku(), l.authorised(), l.unitOfMeasure(),
                    l.unitPrice(), quantity, in == null ? null : in.condition()));
        }
        return rma.received(checked, received.receivedAt() == null ? OffsetDateTime.now() : received.receivedAt());
    }

    static ReturnAuthorisation credit(ReturnAuthorisation rma, CreditMemoPosted memo) {
        return rma.credited(memo.creditMemoNumber(), memo.total(),
                memo.postedAt() == null ? OffsetDateTime.now() : memo.postedAt());
    }

    private static int at(List<RequestedLine> requested, RequestedLine line) {
        return requested.indexOf(line);
    }

    private ReturnRules() {
    }
}
