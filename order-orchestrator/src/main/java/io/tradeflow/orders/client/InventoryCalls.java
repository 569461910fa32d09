package io.tradeflow.orders.client;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.inventory.ReservationRequest;
import io.tradeflow.contracts.inventory.HoldRenewal;
import io.tradeflow.contracts.inventory.ShipmentCommit;

/**
 * Inventory behind timeout, retry (transient only, backoff with jitter) and a circuit breaker. Every call
 * is idempotent on the reservation id (= order id), so a retry after a lost answer is safe. A release of a
 * reservation inventory never made (404) counts as released.
 */
@ApplicationScoped
public class InventoryCalls {
    @Inject
    @RestClient
    InventoryApi api;

    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 3, delay = 100, jitter = 50, retryOn = {TransientCallFailure.class, ProcessingException.class,
            TimeoutException.class, java.io.IOException.class}, abortOn = BusinessRefusal.class)
    @ExponentialBackoff(maxDelay = 1000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = BusinessRefusal.class)
    public Uni<JsonNode> reserve(ReservationRequest request, String correlationId) {
        return api.reserve(request, request.reservationId(), correlationId);
    }

    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 3, delay = 100, jitter = 50, retryOn = {TransientCallFailure.class, ProcessingException.class,
            TimeoutException.class, java.io.IOException.class}, abortOn = BusinessRefusal.class)
    @ExponentialBackoff(maxDelay = 1000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = BusinessRefusal.class)
    /** @param shipment one shipment's lines, or null to commit every unit still held */
    public Uni<Void> commit(String reservationId, ShipmentCommit shipment, String correlationId) {
        return (shipment == null ? api.commit(reservationId, correlationId)
                : api.commitShipment(reservationId, shipment, correlationId)).replaceWithVoid();
    }

    /** The hold's answer with its new {@code expiresAt}; a hold that ended is a 409 {@link BusinessRefusal}. */
    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 3, delay = 100, jitter = 50, retryOn = {TransientCallFailure.class, ProcessingException.class,
            TimeoutException.class, java.io.IOException.class}, abortOn = BusinessRefusal.class)
    @ExponentialBackoff(maxDelay = 1000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = BusinessRefusal.class)
    public Uni<JsonNode> renew(String reservationId, int ttlSeconds, String correlationId) {
        return api.renew(reservationId, new HoldRenewal(ttlSeconds), correlationId);
    }

    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 3, delay = 100, jitter = 50, retryOn = {TransientCallFailure.class, ProcessingException.class,
            TimeoutException.class, java.io.IOException.class}, abortOn = BusinessRefusal.class)
    @ExponentialBackoff(maxDelay = 1000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = BusinessRefusal.class)
    public Uni<Void> release(String reservationId, String correlationId) {
        return api.release(reservationId, correlationId).replaceWithVoid()
                .onFailure(e -> e instanceof BusinessRefusal r && r.status() == 404).recoverWithNull();
    }
}
