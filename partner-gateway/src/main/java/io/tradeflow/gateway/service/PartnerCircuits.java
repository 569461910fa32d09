package io.tradeflow.gateway.service;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One circuit breaker per partner webhook: after {@code failure-threshold} failed pushes in a row the partner
 * gets no pushes for {@code open-for}, then one trial push decides whether it closes again. Kept per process:
 * each replica learns a dead endpoint within a few pushes, which is cheap next to sharing the state.
 */
@ApplicationScoped
public class PartnerCircuits {
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private static final class Circuit {
        int failures;
        long openUntilNanos;
        boolean open;
        boolean trialInFlight;
    }

    private final ConcurrentHashMap<String, Circuit> circuits = new ConcurrentHashMap<>();

    @ConfigProperty(name = "tradeflow.gateway.webhook.failure-threshold", defaultValue = "5")
    int threshold;
    @ConfigProperty(name = "tradeflow.gateway.webhook.open-for", defaultValue = "60s")
    Duration openFor;

    /** Whether a push to the partner may go now; in half-open state only one trial goes. */
    public boolean tryAcquire(String partnerId) {
        Circuit c = circuits.computeIfAbsent(partnerId, k -> new Circuit());
        synchronized (c) {
            if (!c.open) {
                return true;
            }
            if (System.nanoTime() < c.openUntilNanos || c.trialInFlight) {
                return false;
            }
            c.trialInFlight = true;
            return true;
        }
    }

    public void succeeded(String partnerId) {
        Circuit c = circuits.computeIfAbsent(partnerId, k -> new Circuit());
        synchronized (c) {
            c.failures = 0;
            c.open = false;
            c.trialInFlight = false;
        }
    }

    /** @return true when this failure opened (or re-opened) the circuit */
    public boolean failed(String partnerId) {
        Circuit c = circuits.computeIfAbsent(partnerId, k -> new Circuit());
        synchronized (c) {
            c.failures++;
            boolean wasTrial = c.open && c.trialInFlight;
            c.trialInFlight = false;
            if (wasTrial || (!c.open && c.failures >= threshold)) {
                c.open = true;
                c.openUntilNanos = System.nanoTime() + openFor.toNanos();
                return true;
            }
            return false;
        }
    }

    public State state(String partnerId) {
        Circuit c = circuits.get(partnerId);
        if (c == null) {
            return State.CLOSED;
        }
        synchronized (c) {
            if (!c.open) {
                return State.CLOSED;
            }
            return System.nanoTime() < c.openUntilNanos ? State.OPEN : State.HALF_OPEN;
        }
    }

    /** Partners whose pushes must not be claimed now (open, or half-open with the trial already out). */
    public List<String> blocked() {
        return circuits.entrySet().stream().filter(e -> {
            Circuit c = e.getValue();
            synchronized (c) {
                return c.open && (System.nanoTime() < c.openUntilNanos || c.trialInFlight);
            }
        }).map(e -> e.getKey()).toList();
    }

    public Duration openFor() {
        return openFor;
    }

    public void forget(String partnerId) {
        circuits.remove(partnerId);
    }
}
