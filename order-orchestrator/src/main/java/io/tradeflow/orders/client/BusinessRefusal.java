package io.tradeflow.orders.client;

/** A 4xx from another service: a decision, not an outage, so it is never retried nor counted by breakers. */
public class BusinessRefusal extends RuntimeException {
    private final int status;
    private final String type;

    public BusinessRefusal(int status, String type, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
    }

    public int status() {
        return status;
    }

    /** The problem+json {@code type}, e.g. {@code https://tradeflow.io/problems/insufficient-stock}. */
    public String type() {
        return type == null ? "" : type;
    }
}
