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
 * Business KPIs: time from acceptance to each stage, shipments and deliveries on time against the requested date,
 * compensations, and gauges (orders by state, stuck by reason, invoices awaited and overdue, dead letters waiting)
 * refreshed from the database by {@link OperationsSampler}.
 */
@ApplicationScoped
public class SagaMetrics {
    @Inject
    MeterRegistry registry;
    @Inject
    io.tradeflow.orders.config.SagaConfig config;

    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
    private final Map<OrderState, Timer> stageTimers = new ConcurrentHashMap<>();
    private final Map<String, io.micrometer.core.instrument.Counter> milestones = new ConcurrentHashMap<>();

    public void transition(CustomerOrder order, Transition t, OffsetDateTime at) {
        if (order.acceptedAt == null || t.from() == t.to()) {
            return; // a restated order (a late detail) reached no new stage
        }
        // Looked up once per stage: building and registering a histogram timer per transition was measurable.
        stageTimers.computeIfAbsent(t.to(), stage -> Timer.builder("tradeflow.orders.stage.latency")
                .description("Time from order acceptance to reaching the stage")
                .tag("stage", stage.name()).publishPercentileHistogram()
                .register(registry)).record(Duration.between(order.acceptedAt, at));
        if (t.to() == OrderState.SHIPPED || t.to() == OrderState.DELIVERED) {
            milestone(order, t.to(), at);
        }
    }

    /**
     * Fulfilment timeliness: each shipment and delivery counted as on time (by the end of the requested date, in the
     * distributor's zone), late, or without a date to judge by.
     */
    private void milestone(CustomerOrder order, OrderState milestone, OffsetDateTime at) {
        String onTime = order.requestedDate == null ? "no-date"
                : String.valueOf(!at.toInstant().isAfter(order.requestedDate.plusDays(1).atStartOfDay(config.zone())
                .toInstant()));
        milestones.computeIfAbsent(milestone.name() + "/" + onTime, k -> registry.counter("tradeflow.orders.milestones",
                "milestone", milestone.name().toLowerCase(), "on_time", onTime)).increment();
    }

    /** Invoice completion: delivered orders waiting for their invoice, and those of them past the deadline. */
    public void invoicesAwaited(long awaited, long overdue) {
        gauge("tradeflow.orders.invoices.awaited", Tags.empty()).set(awaited);
        gauge("tradeflow.orders.invoices.overdue", Tags.empty()).set(overdue);
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
