package io.tradeflow.testinfra;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/**
 * Collects finished spans in memory so a test can assert that a trace continues across REST and Kafka.
 * Quarkus picks every SpanExporter bean up, so this is active in any service whose tests depend on testinfra.
 */
@ApplicationScoped
public class InMemorySpans {
    @Produces
    @Singleton
    InMemorySpanExporter inMemorySpanExporter() {
        return InMemorySpanExporter.create();
    }
}
