package io.tradeflow.pricing.service;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradeflow.contracts.pricing.QuoteLine;

/**
 * Business metrics of quoting. The price book hit ratio counts lines whose SKU the in-memory book knew
 * (hit) against lines for SKUs it did not (miss): a rising miss share means channels ask for SKUs the ERP
 * has not priced, or ingestion is behind.
 */
@ApplicationScoped
public class QuoteMetrics {
    @Inject
    MeterRegistry registry;

    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    @PostConstruct
    void gauges() {
        registry.gauge("tradeflow.pricing.pricebook.hit.ratio", this, m -> {
            long total = m.hits.get() + m.misses.get();
            return total == 0 ? 1.0 : (double) m.hits.get() / total;
        });
    }

    public void quote(String channel) {
        Counter.builder("tradeflow.pricing.quotes").tag("channel", channel).register(registry).increment();
    }

    public void line(QuoteLine line, boolean bookKnewSku) {
        (bookKnewSku ? hits : misses).incrementAndGet();
        if (line.priced()) {
            Counter.builder("tradeflow.pricing.lines").tag("rule", line.rule().name()).register(registry).increment();
        } else {
            Counter.builder("tradeflow.pricing.lines.unpriceable").tag("reason", line.unpriceableReason().name())
                    .register(registry).increment();
        }
    }
}
