package io.tradeflow.gateway.service;

/** A partner went over its requests per minute; answered 429 with Retry-After. */
public class RateLimitedException extends RuntimeException {
    private final long retryAfterSeconds;

    public RateLimitedException(String partnerId, int limit, long retryAfterSeconds) {
        super("partner " + partnerId + " is limited to " + limit + " requests per minute; retry in "
                + retryAfterSeconds + " s", null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
