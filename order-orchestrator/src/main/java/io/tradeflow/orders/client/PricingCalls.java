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
import io.tradeflow.contracts.pricing.QuoteRequest;

/**
 * Pricing behind timeout, retry (transient failures only, exponential backoff with jitter) and a circuit
 * breaker; a 4xx is a {@link BusinessRefusal} and is neither retried nor counted against the breaker.
 */
@ApplicationScoped
public class PricingCalls {
    @Inject
    @RestClient
    PricingApi api;

    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 3, delay = 100, jitter = 50, retryOn = {TransientCallFailure.class, ProcessingException.class,
            TimeoutException.class, java.io.IOException.class}, abortOn = BusinessRefusal.class)
    @ExponentialBackoff(maxDelay = 1000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = BusinessRefusal.class)
    public Uni<JsonNode> quote(QuoteRequest request, String correlationId) {
        return api.quote(request, correlationId);
    }

    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 3, delay = 100, jitter = 50, retryOn = {TransientCallFailure.class, ProcessingException.class,
            TimeoutException.class, java.io.IOException.class}, abortOn = BusinessRefusal.class)
    @ExponentialBackoff(maxDelay = 1000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, skipOn = BusinessRefusal.class)
    public Uni<JsonNode> existingQuote(String quoteId, String correlationId) {
        return api.quote(quoteId, correlationId);
    }
}
