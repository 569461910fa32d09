package io.tradeflow.orders.service;

import java.time.Instant;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.orders.OrderState;
import io.tradeflow.orders.config.SagaConfig;
import io.tradeflow.orders.repository.CustomerOrder;
import io.tradeflow.orders.repository.OrderRows;
import io.tradeflow.orders.service.saga.Decision;
import io.tradeflow.orders.service.saga.OrderSaga;
import io.tradeflow.orders.service.saga.SagaEvent;
import io.tradeflow.platform.correlation.CorrelationIds;
import io.tradeflow.platform.outbox.OutboxRelay;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Feeds events to the saga under a row lock and records its decisions; after commit it wakes the outbox
 * relay and, when the next move is ours (validate, price, reserve, release, commit), kicks it off on a
 * fresh Vert.x context that keeps the trace and correlation id of what caused it.
 */
@ApplicationScoped
public class SagaRunner {
    private static final Logger LOG = Logger.getLogger(SagaRunner.class);

    @Inject
    OrderJournal journal;
    @Inject
    OutboxRelay relay;
    @Inject
    SagaSteps steps;
    @Inject
    Vertx vertx;
    @Inject
    OrderRows rows;
    @Inject
    Pool pool;

    private final OrderSaga saga;

    @Inject
    SagaRunner(SagaConfig config) {
        this.saga = new OrderSaga(config.policy());
    }

    public OrderSaga saga() {
        return saga;
    }

    /** Applies an event in its own transaction; null when the order does not exist. */
    public Uni<Decision> fire(String orderId, SagaEvent event) {
        return Panache.withTransaction(() -> applyInTransaction(orderId, null, o -> Uni.createFrom().item(event)))
                .invoke(d -> afterCommit(orderId, d));
    }

    /**
     * Within the caller's transaction: lock the order, let {@code effect} update it and name the event, apply
     * and record. With {@code expected} set, nothing happens unless the order is still in that state (a cancel
     * may have overtaken a slow call). Null when the order is missing or moved on.
     */
    public Uni<Decision> applyInTransaction(String orderId, OrderState expected,
                                            Function<CustomerOrder, Uni<SagaEvent>> effect) {
        return CustomerOrder.<CustomerOrder>findById(orderId, LockModeType.PESSIMISTIC_WRITE).chain(order -> {
            if (order == null || (expected != null && !expected.name().equals(order.state))) {
                return Uni.createFrom().nullItem();
            }
            return effect.apply(order).chain(event -> {
                Instant now = Instant.now();
                Decision decision = saga.apply(OrderJournal.snapshotOf(order), event, now);
                return journal.record(order, decision, now);
            });
        });
    }

    public void afterCommit(String orderId, Decision decision) {
        afterCommit(orderId, null, decision);
    }

    /** @param committed the order as just committed, when the caller has it: the drive then does not read it again */
    public void afterCommit(String orderId, CustomerOrder committed, Decision decision) {
        if (decision == null) {
            return;
        }
        relay.wakeUp();
        if (decision.changed() && OrderSaga.ourMove(decision.next())) {
            kick(orderId, committed);
        }
    }

    /** Drives the order's next own step without holding up the caller (a request, a consumer, the scanner). */
    public void kick(String orderId) {
        kick(orderId, null);
    }

    /** @param committed the order as just committed, or null to read it */
    public void kick(String orderId, CustomerOrder committed) {
        Context trace = Context.current();
        String correlation = CorrelationIds.current();
        io.vertx.core.Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        context.runOnContext(ignored -> {
            // This duplicated context exists only for this drive, so the scope stays open for its async steps.
            trace.makeCurrent();
            if (correlation != null) {
                CorrelationIds.adopt(correlation);
            }
            drive(orderId, committed).subscribe().with(done -> {
            }, failure -> LOG.warnf("Order %s: step failed, the deadline scanner retries it: %s", orderId,
                    failure.toString()));
        });
    }

    Uni<Void> drive(String orderId, CustomerOrder committed) {
        Uni<CustomerOrder> read = committed != null ? Uni.createFrom().item(committed) : rows.read(pool, orderId);
        return read.chain(order -> {
            if (order == null) {
                return Uni.createFrom().voidItem();
            }
            if (CorrelationIds.current() == null && order.correlationId != null) {
                CorrelationIds.adopt(order.correlationId);
            }
            Span.current().setAttribute("tradeflow.order_id", order.id);
            Span.current().setAttribute("tradeflow.customer_id", order.customerId);
            Span.current().setAttribute("tradeflow.channel", order.channel);
            return advance(order, OrderJournal.snapshotOf(order));
        });
    }

    /**
     * Runs our moves back to back on the order read once: each step re-reads and locks the row in its
     * (group-committed) transaction and applies only in the state it expects, so the detached copy only supplies what does not
     * change between our steps (customer, channel, lines, quote) and the decision supplies the state.
     */
    private Uni<Void> advance(CustomerOrder order, io.tradeflow.orders.service.saga.SagaSnapshot at) {
        Uni<Decision> next = switch (at.state()) {
            case ACCEPTED -> steps.validate(order);
            case VALIDATED -> steps.price(order);
            case PRICED -> steps.reserve(order);
            case COMPENSATING -> steps.release(order);
            default -> at.commitPending() ? steps.commit(order) : Uni.createFrom().nullItem();
        };
        return next.chain(d -> {
            if (d == null) {
                return Uni.createFrom().voidItem();
            }
            return d.changed() && OrderSaga.ourMove(d.next()) ? advance(order, d.next()) : Uni.createFrom().voidItem();
        });
    }
}
