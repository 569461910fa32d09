package io.tradeflow.inventory.service;

/** A movement that cannot be applied; the message is the reason put on the DLQ record or in the 400. */
public class InvalidMovementException extends RuntimeException {
    private final String field;

    public InvalidMovementException(String field, String reason) {
        super(reason, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
