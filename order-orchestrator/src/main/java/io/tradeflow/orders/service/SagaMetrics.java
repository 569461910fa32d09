package io.tradeflow.orders.service;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.tradeflow.contracts.orders.OrderState;
import io.tradeflow.orders.repository.CustomerOrder;
import io.tradeflow.orders.service.saga.StuckReason;
import io.tradeflow.orders.service.saga.Transition;

/**
 * Business KPIs: time from acceptance to each stage, compensations, and gauges (orders by state, stuck
 * by reason, dead letters waiting) refreshed from the database by {@link OperationsSampler}.
 */
@ApplicationScoped
public class SagaMetrics {
    @Inject
    MeterRegistry registry;

    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
    private final Map<OrderState, Timer> stageTimers = new ConcurrentHashMap<>();

    public void transition(CustomerOrder order, Transition t, OffsetDateTime at) {
        if (order.acceptedAt == null) {
            return;
        }
        // Looked up once per stage: building and registering a histogram timer per transition was measurable.
        stageTimers.computeIfAbsent(t.to(), stage -> Timer.builder("tradeflow.orders.stage.latency")
                .description("Time from order acceptance to reaching the stage")
                .tag("stage", stage.name()).publishPercentileHistogram()
                .register(registry)).record(Duration.between(order.acceptedAt, at));
    }

    public void compensation(String step) {
        registry.counter("tradeflow.orders.compensations", "step", step).increment();
    }

    public void ordersInState(OrderState state, long count) {
        gauge("tradeflow.orders.by_state", Tags.of("state", state.name())).set(count);
    }

    public void stuck(StuckReason reason, long count) {
        gauge("tradeflow.orders.stuck", Tags.of("reason", reason.name())).set(count);
    }

    public void deadLetters(long waiting) {
        gauge("tradeflow.orders.dlq.depth", Tags.empty()).set(waiting);
    }

    private AtomicLong gauge(String name, Tags tags) {
        return gauges.computeIfAbsent(name + tags, k -> registry.gauge(name, tags, new AtomicLong()));
    }
}
