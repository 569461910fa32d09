package io.tradeflow.gateway.service;

import java.time.Duration;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.tradeflow.gateway.repository.GatewayStore;
import io.tradeflow.gateway.repository.Partner;

/**
 * Per-partner requests per minute, counted in PostgreSQL so every replica sees the same window: a limit
 * of 60 means 60 for the whole gateway, not 60 per pod. Counted in its own short transaction so a refused
 * request holds no lock.
 */
@ApplicationScoped
public class RateLimiter {
    @Inject
    GatewayStore store;

    public Uni<Void> admit(Partner partner) {
        return store.countRequest(partner.id).map(use -> {
            if (use.used() > partner.rateLimitPerMinute) {
                long retryAfter = Math.max(1, Duration.between(OffsetDateTime.now(),
                        use.windowStart().plusMinutes(1)).toSeconds() + 1);
                throw new RateLimitedException(partner.id, partner.rateLimitPerMinute, retryAfter);
            }
            return null;
        });
    }
}
