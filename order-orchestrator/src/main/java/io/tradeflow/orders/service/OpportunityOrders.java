package io.tradeflow.orders.service;

import java.util.ArrayList;
import java.util.List;

import io.tradeflow.contracts.customers.OpportunityWon;
import io.tradeflow.contracts.orders.CanonicalOrder;
import io.tradeflow.contracts.orders.OrderLine;

/**
 * A won opportunity as the order it becomes (lead to order). The rep's quoted unit prices travel as the prices
 * the buyer expects: pricing decides the price from the ERP rules, and a line whose price moved since the quote
 * is flagged on the order instead of being silently used. Pure.
 */
public final class OpportunityOrders {
    public static final String CHANNEL = "crm";

    /** The opportunity's reference among all orders' external references: one opportunity, one order. */
    static String externalKey(OpportunityWon won) {
        return "crm-opportunity:" + won.opportunityId();
    }

    /** @throws IllegalArgumentException naming the first field that makes the opportunity unusable as an order */
    public static CanonicalOrder canonical(OpportunityWon won) {
        require(won.opportunityId() != null && !won.opportunityId().isBlank(), "opportunityId is required");
        require(won.customerId() != null && !won.customerId().isBlank(), "customerId is required");
        require(won.lines() != null && !won.lines().isEmpty(), "lines: at least one line is required");
        List<OrderLine> lines = new ArrayList<>();
        java.util.Set<Integer> numbers = new java.util.HashSet<>();
        for (int i = 0; i < won.lines().size(); i++) {
            OpportunityWon.Line line = won.lines().get(i);
            String at = "lines[" + i + "]";
            require(line != null, at + " is null");
            require(line.sku() != null && !line.sku().isBlank(), at + ".sku is required");
            require(line.quantity() != null && line.quantity().signum() > 0, at + ".quantity must be positive");
            String quoted = line.quotedUnitPrice() == null ? null : line.quotedUnitPrice().currency();
            require(quoted == null || won.currency() == null || won.currency().equals(quoted),
                    at + ".quotedUnitPrice is in " + quoted + ", the opportunity in " + won.currency());
            require(quoted == null || lines.stream().allMatch(l -> l.unitPrice() == null
                    || quoted.equals(l.unitPrice().currency())), at + ".quotedUnitPrice is in " + quoted
                    + ", another line's in another currency");
            int number = line.lineNumber() > 0 ? line.lineNumber() : i + 1;
            // Returns, shipments and the ERP refer to lines by number: two lines with one number would be one.
            require(numbers.add(number), at + ".lineNumber " + number + " is used twice");
            lines.add(new OrderLine(number, line.sku(), line.quantity(),
                    line.unitOfMeasure() == null ? "EA" : line.unitOfMeasure(), line.quotedUnitPrice(), null));
        }
        String currency = won.currency() != null ? won.currency()
                : lines.stream().filter(l -> l.unitPrice() != null).map(l -> l.unitPrice().currency()).findFirst()
                        .orElse(null);
        String po = won.customerPoNumber() != null ? won.customerPoNumber() : won.opportunityId();
        return new CanonicalOrder(null, won.customerId(), CHANNEL, po, won.requestedDate(), won.shipTo(), currency,
                List.copyOf(lines), won.quoteId(), null);
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }

    private OpportunityOrders() {
    }
}
