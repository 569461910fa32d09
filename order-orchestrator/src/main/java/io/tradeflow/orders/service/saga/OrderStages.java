package io.tradeflow.orders.service.saga;

import static io.tradeflow.contracts.orders.OrderState.CANCELLED;
import static io.tradeflow.contracts.orders.OrderState.COMPENSATING;
import static io.tradeflow.contracts.orders.OrderState.COMPLETED;
import static io.tradeflow.contracts.orders.OrderState.DELIVERED;
import static io.tradeflow.contracts.orders.OrderState.FAILED;
import static io.tradeflow.contracts.orders.OrderState.FAILED_TO_COMPENSATE;
import static io.tradeflow.contracts.orders.OrderState.INVOICED;
import static io.tradeflow.contracts.orders.OrderState.REJECTED;
import static io.tradeflow.contracts.orders.OrderState.SHIPPED;

import java.util.EnumSet;
import java.util.Set;

import io.tradeflow.contracts.orders.OrderState;

/** The groups of order states the saga's rules speak of. */
final class OrderStages {
    /** The goods have left the warehouse. */
    static final Set<OrderState> SHIPPED_OR_LATER = EnumSet.of(SHIPPED, DELIVERED, INVOICED, COMPLETED);
    /** The order was compensated or is being compensated: nothing should leave the warehouse for it. */
    static final Set<OrderState> UNDONE = EnumSet.of(COMPENSATING, CANCELLED, FAILED, REJECTED, FAILED_TO_COMPENSATE);

    private OrderStages() {
    }
}
