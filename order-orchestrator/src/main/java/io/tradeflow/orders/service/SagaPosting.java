package io.tradeflow.orders.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.orders.OrderState;
import io.tradeflow.orders.config.SagaConfig;
import io.tradeflow.orders.repository.CustomerCredit;
import io.tradeflow.orders.repository.CustomerOrder;
import io.tradeflow.orders.repository.OrderRows;
import io.tradeflow.orders.service.saga.Decision;
import io.tradeflow.orders.service.saga.OrderSaga;
import io.tradeflow.orders.service.saga.SagaEvent;
import io.tradeflow.platform.correlation.CorrelationIds;
import io.tradeflow.platform.inbox.Inbox;
import io.tradeflow.platform.outbox.OutboxRelay;
import io.tradeflow.platform.outbox.OutboxWriter;
import io.tradeflow.platform.transaction.GroupCommit;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Applies many saga events (a Kafka poll, or the steps that finished meanwhile) in one transaction with a fixed
 * number of round trips whatever their count: mark the event ids processed and lock the orders (sorted, so
 * batches never deadlock) together with what the credit check reads, decide in memory in arrival order, then
 * write the orders, the timeline, one lifecycle event per transition and the ERP commands together. Same
 * guarantees as one event per transaction (dedup, state, history and outbox commit together), a fraction of the
 * statements and commits.
 */
@ApplicationScoped
public class SagaPosting {
    /** Steps gathered into one transaction at most; more wait for the next one. */
    private static final int MAX_STEPS = 256;

    @Inject
    Pool pool;
    @Inject
    OrderRows rows;
    @Inject
    OrderDocuments documents;
    @Inject
    SagaMetrics metrics;
    @Inject
    OutboxWriter outbox;
    @Inject
    OutboxRelay relay;
    @Inject
    Inbox inbox;

    private final OrderSaga saga;
    /**
     * Step groups written at once. Safe for the same reason replicas are: a group locks its orders, then its
     * customers' credit rows, each in key order, so groups that share an order or a customer take turns and cannot
     * deadlock.
     */
    private final int stepGroupsInFlight;
    private GroupCommit<Fire, Decision> steps;

    @Inject
    SagaPosting(SagaConfig config) {
        this.saga = new OrderSaga(config.policy());
        this.stepGroupsInFlight = config.stepGroupsInFlight();
    }

    @PostConstruct
    void groupSteps() {
        steps = new GroupCommit<>("steps", pool, MAX_STEPS, stepGroupsInFlight, Integer.MAX_VALUE,
                (conn, fires) -> post(conn, null, fires).map(outcomes -> {
            List<GroupCommit.Result<Decision>> results = new ArrayList<>(outcomes.size());
            for (Outcome o : outcomes) {
                results.add(o.failure() != null ? GroupCommit.Result.failed(o.failure())
                        : GroupCommit.Result.of(o.decision()));
            }
            return results;
        }), relay::wakeUp);
    }

    /** What an event does to its locked order before the saga judges it; may update the order's documents. */
    @FunctionalInterface
    public interface Effect {
        SagaEvent on(CustomerOrder order, Facts facts);
    }

    /** What the credit check needs, read under the same lock when the fire asks for it. */
    public record Facts(CustomerCredit credit, BigDecimal openOrderValue) {
    }

    /**
     * One event for one order. {@code expected}: apply only while the order is still in that state (a cancel may
     * have overtaken a slow call). {@code eventId} is deduplicated when the batch has a consumer; a null
     * {@code orderId} only marks the event processed. {@code creditCheck} reads the customer's credit and open
     * orders for the effect.
     */
    public record Fire(String eventId, String orderId, OrderState expected, Effect effect, boolean creditCheck,
                       String correlationId, String traceparent) {

        /** One of our own steps, carrying the current correlation id and trace. */
        public static Fire step(String orderId, OrderState expected, boolean creditCheck, Effect effect) {
            return new Fire(null, orderId, expected, effect, creditCheck, CorrelationIds.current(), currentTraceparent());
        }
    }

    /** Per fire: the decision (null when skipped), or that the event was a repeat, the order unknown, or the effect failed. */
    public record Outcome(Decision decision, boolean repeat, boolean unknown, RuntimeException failure,
                          CustomerOrder order) {
        static final Outcome SKIPPED = new Outcome(null, false, false, null, null);
        static final Outcome REPEAT = new Outcome(null, true, false, null, null);
        static final Outcome UNKNOWN = new Outcome(null, false, true, null, null);
    }

    /**
     * One of our steps' outcomes, committed with whatever other steps finished meanwhile (group commit): the
     * caller continues, on its own context, once its transaction has committed. Null when the order moved on.
     */
    public Uni<Decision> step(Fire fire) {
        return steps.submit(fire);
    }

    /** Applies {@code fires} in order in the caller's transaction on {@code conn}; dedups on event ids when {@code consumer} is set. */
    public Uni<List<Outcome>> post(SqlConnection conn, String consumer, List<Fire> fires) {
        Set<String> eventIds = new LinkedHashSet<>();
        TreeSet<String> orderIds = new TreeSet<>();
        Set<String> checked = new LinkedHashSet<>();
        Set<String> customers = new LinkedHashSet<>();
        for (Fire f : fires) {
            if (consumer != null && f.eventId() != null) {
                eventIds.add(f.eventId());
            }
            if (f.orderId() != null) {
                orderIds.add(f.orderId());
            }
            if (f.creditCheck()) {
                checked.add(f.orderId());
            }
        }
        // Issued together, so the connection pipelines them: one round trip.
        Uni<Set<String>> fresh = eventIds.isEmpty() ? Uni.createFrom().item(Set.of())
                : inbox.firstDeliveries(conn, consumer, eventIds);
        Uni<Map<String, CustomerOrder>> locked = orderIds.isEmpty() ? Uni.createFrom().item(Map.of())
                : rows.lock(conn, orderIds);
        return Uni.combine().all().unis(fresh, locked).asTuple().chain(read -> {
            Map<String, CustomerOrder> orders = read.getItem2();
            for (String id : checked) {
                CustomerOrder o = orders.get(id);
                if (o != null) {
                    customers.add(o.customerId);
                }
            }
            if (customers.isEmpty()) {
                return decideAndWrite(conn, consumer, fires, read.getItem1(), orders, Map.of(), Map.of());
            }
            // The open order value is read only once the customers' credit rows are locked: another batch's orders
            // priced meanwhile are then either committed (and counted) or wait for this one.
            return rows.credits(conn, customers).chain(credit -> rows.openOrderValues(conn, customers)
                    .chain(open -> decideAndWrite(conn, consumer, fires, read.getItem1(), orders, credit, open)));
        });
    }

    private Uni<List<Outcome>> decideAndWrite(SqlConnection conn, String consumer, List<Fire> fires, Set<String> fresh,
                                              Map<String, CustomerOrder> orders, Map<String, CustomerCredit> credits,
                                              Map<String, BigDecimal> open) {
        Instant now = Instant.now();
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        SagaWrites writes = new SagaWrites(rows, documents, metrics, outbox);
        List<Outcome> outcomes = new ArrayList<>(fires.size());
        List<String> forget = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        Map<String, BigDecimal> changedInBatch = new java.util.HashMap<>();
        for (Fire f : fires) {
            // Seen before this poll, or earlier in it (a record delivered twice in one poll): no second effect.
            if (consumer != null && f.eventId() != null && (!fresh.contains(f.eventId()) || !seen.add(f.eventId()))) {
                outcomes.add(Outcome.REPEAT);
                continue;
            }
            if (f.orderId() == null) {
                outcomes.add(Outcome.SKIPPED);
                continue;
            }
            CustomerOrder order = orders.get(f.orderId());
            if (order == null) {
                if (consumer != null && f.eventId() != null) {
                    forget.add(f.eventId()); // not applied: a redelivery (after a replay) is judged again
                }
                outcomes.add(consumer != null ? Outcome.UNKNOWN : Outcome.SKIPPED);
                continue;
            }
            if (f.expected() != null && !f.expected().name().equals(order.state)) {
                outcomes.add(Outcome.SKIPPED);
                continue;
            }
            SagaEvent event;
            BigDecimal counted = OrderRows.countedTotal(order);
            try {
                // The customer's committed open value plus what this batch's earlier decisions changed is the value
                // of all its open orders now; take this order's own current value out.
                event = f.effect().on(order, f.creditCheck()
                        ? new Facts(credits.get(order.customerId), open.getOrDefault(order.customerId, BigDecimal.ZERO)
                                .subtract(counted)
                                .add(changedInBatch.getOrDefault(order.customerId, BigDecimal.ZERO)))
                        : null);
            } catch (RuntimeException e) {
                if (consumer != null && f.eventId() != null) {
                    forget.add(f.eventId());
                }
                outcomes.add(new Outcome(null, false, false, e, null));
                continue;
            }
            Decision decision = saga.apply(OrderJournal.snapshotOf(order), event, now);
            writes.record(order, decision, at, f.correlationId(), f.traceparent());
            // The open value read for the batch predates its own decisions: count what each one changed, so two
            // orders of one customer priced together cannot both fit under a limit only one fits under.
            changedInBatch.merge(order.customerId, OrderRows.countedTotal(order).subtract(counted), BigDecimal::add);
            outcomes.add(new Outcome(decision, false, false, null, order));
        }
        return writes.write(conn, forget.isEmpty() || consumer == null ? Uni.createFrom().voidItem()
                : inbox.forget(conn, consumer, forget)).replaceWith(outcomes);
    }

    static String currentTraceparent() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }
}
