package io.tradeflow.gateway.service;

import java.math.BigDecimal;
import java.util.List;

import io.tradeflow.contracts.common.Money;
import io.tradeflow.contracts.orders.LifecycleLine;
import io.tradeflow.contracts.orders.OrderLine;

/**
 * What became of one ordered line, as the 855 tells a partner in X12 (ACK IA/IP/IB/IR) or JSON alike: how much is
 * held and backordered, and whether the price the distributor charges differs from the one the partner sent. Pure.
 *
 * @param asked the partner's unit price, if it sent one
 * @param ours  the price pricing set, or the partner's when none was set yet
 */
public record LineOutcome(LifecycleLine line, Money asked, Money ours, BigDecimal held, BigDecimal backordered) {

    public static LineOutcome of(LifecycleLine line, List<OrderLine> ordered) {
        Money asked = null;
        for (OrderLine o : ordered) {
            if (o.lineNumber() == line.lineNumber()) {
                asked = o.unitPrice();
                break;
            }
        }
        return new LineOutcome(line, asked, line.unitPrice() == null ? asked : line.unitPrice(),
                line.reserved() == null ? line.quantity() : line.reserved(),
                line.backordered() == null ? BigDecimal.ZERO : line.backordered());
    }

    public boolean priceChanged() {
        return asked != null && ours != null && asked.amount().compareTo(ours.amount()) != 0;
    }

    /** Anything but the whole line at the partner's price: the 855 says "accepted with changes" (BAK02 AC). */
    public boolean changed() {
        return priceChanged() || backordered.signum() > 0 || held.compareTo(line.quantity()) != 0;
    }
}
