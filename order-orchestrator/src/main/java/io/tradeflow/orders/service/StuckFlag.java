package io.tradeflow.orders.service;

import java.time.OffsetDateTime;

import io.smallrye.mutiny.Uni;
import io.tradeflow.orders.repository.CustomerOrder;
import io.tradeflow.orders.repository.OrderTransition;
import io.tradeflow.orders.service.saga.StuckReason;

/**
 * An order listed stuck by a watch outside the saga (a return not checked in, a hold lost), with a note on its
 * timeline saying why, so whoever opens the order sees what is owed without reading logs. The caller holds the
 * order's lock inside a transaction; the saga's next transition clears the reason.
 */
final class StuckFlag {

    static Uni<Void> raise(CustomerOrder order, StuckReason reason, String cause) {
        OffsetDateTime now = OffsetDateTime.now();
        order.stuckReason = reason.name();
        order.stuckSince = now;
        OrderTransition note = new OrderTransition();
        note.orderId = order.id;
        note.sequence = order.sequence;
        note.fromState = order.state;
        note.toState = order.state;
        note.cause = cause;
        note.occurredAt = now;
        return note.persist().replaceWithVoid();
    }

    private StuckFlag() {
    }
}
