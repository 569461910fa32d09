package io.tradeflow.orders.service.saga;

import io.tradeflow.contracts.orders.OrderState;

/** One step of an order's life, as the timeline and {@code orders.lifecycle} show it. */
public record Transition(OrderState from, OrderState to, String cause) {
}
