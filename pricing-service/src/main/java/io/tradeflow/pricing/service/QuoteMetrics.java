package io.tradeflow.pricing.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
    // Counters looked up once per tag value: building and registering a meter id per line is measurable
    // on the quote path (10 lines per quote), a map hit is not.
    private final Map<String, Counter> quotes = new ConcurrentHashMap<>();
    private final Map<String, Counter> lines = new ConcurrentHashMap<>();
    private final Map<String, Counter> unpriceable = new ConcurrentHashMap<>();

    @PostConstruct
    void gauges() {
        registry.gauge("tradeflow.pricing.pricebook.hit.ratio", this, m -> {
            long total = m.hits.get() + m.misses.get();
            return total == 0 ? 1.0 : (double) m.hits.get() / total;
        });
    }

    public void quote(String channel) {
        quotes.computeIfAbsent(channel,
                c -> Counter.builder("tradeflow.pricing.quotes").tag("channel", c).register(registry)).increment();
    }

    public void line(QuoteLine line, boolean bookKnewSku) {
        (bookKnewSku ? hits : misses).incrementAndGet();
        if (line.priced()) {
            lines.computeIfAbsent(line.rule().name(),
                    r -> Counter.builder("tradeflow.pricing.lines").tag("rule", r).register(registry)).increment();
        } else {
            unpriceable.computeIfAbsent(line.unpriceableReason().name(), r -> Counter
                    .builder("tradeflow.pricing.lines.unpriceable").tag("reason", r).register(registry)).increment();
        }
    }
}
