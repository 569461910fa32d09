package io.tradeflow.orders.client;

/** A 5xx, 408 or 429 from another service: worth another try later. */
public class TransientCallFailure extends RuntimeException {
    public TransientCallFailure(String message) {
        super(message, null, false, false);
    }
}
