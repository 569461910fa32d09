package io.tradeflow.pricing.service;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Ingestion lag: from the record's Kafka timestamp to the commit of its effect, per topic. */
@ApplicationScoped
public class IngestionMetrics {
    @Inject
    MeterRegistry registry;

    public void received(String topic, long recordTimestamp) {
        long lag = Math.max(0, System.currentTimeMillis() - recordTimestamp);
        Timer.builder("tradeflow.pricing.ingestion.lag").description("Kafka record timestamp to stored effect")
                .tag("topic", topic).publishPercentiles(0.5, 0.99).register(registry)
                .record(Duration.ofMillis(lag));
    }
}
