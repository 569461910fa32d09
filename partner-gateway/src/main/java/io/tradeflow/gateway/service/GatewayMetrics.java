package io.tradeflow.gateway.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The gateway's business figures on /q/metrics: documents by partner, type, direction and outcome, how long
 * partners wait for their acknowledgment, lost-interchange suspicions and SLA breaches.
 */
@ApplicationScoped
public class GatewayMetrics {
    @Inject
    MeterRegistry registry;

    // Meters looked up once per tag combination: the registry's lookup (tags sorted, id hashed) on every
    // document showed in the benchmark profile.
    private final Map<String, Counter> documents = new ConcurrentHashMap<>();
    private final Map<String, Timer> ackLatency = new ConcurrentHashMap<>();

    public void document(String partner, String type, String direction, String outcome) {
        documents.computeIfAbsent(partner + '\u0000' + type + '\u0000' + direction + '\u0000' + outcome,
                key -> registry.counter("tradeflow.gateway.documents", "partner", partner, "type", type,
                        "direction", direction, "outcome", outcome)).increment();
    }

    public void acknowledgmentLatency(String partner, long micros) {
        ackLatency.computeIfAbsent(partner, key -> registry.timer("tradeflow.gateway.ack.latency", "partner", partner))
                .record(micros, TimeUnit.MICROSECONDS);
    }

    public void slaBreach(String partner, String sla) {
        registry.counter("tradeflow.gateway.sla.breaches", "partner", partner, "sla", sla).increment();
    }

    public void possiblyLost(String partner, long count) {
        registry.counter("tradeflow.gateway.interchanges.possibly-lost", "partner", partner).increment(count);
    }

    /** Webhook pushes by partner and outcome: delivered, failed, short-circuited (circuit open). */
    public void webhookDelivery(String partner, String outcome) {
        registry.counter("tradeflow.gateway.webhook.deliveries", "partner", partner, "outcome", outcome).increment();
    }
}
