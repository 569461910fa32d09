package io.tradeflow.orders.service;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.events.CloudEventTypes;
import io.tradeflow.contracts.events.Topics;
import io.tradeflow.contracts.orders.OrderState;
import io.tradeflow.orders.repository.CustomerOrder;
import io.tradeflow.orders.repository.OrderTransition;
import io.tradeflow.orders.service.saga.DeadlineKind;
import io.tradeflow.orders.service.saga.Decision;
import io.tradeflow.orders.service.saga.ErpCommand;
import io.tradeflow.orders.service.saga.SagaSnapshot;
import io.tradeflow.orders.service.saga.StuckReason;
import io.tradeflow.orders.service.saga.Transition;
import io.tradeflow.platform.correlation.CorrelationIds;
import io.tradeflow.platform.outbox.OutboxWriter;

/**
 * Writes a saga decision in the caller's transaction: the new snapshot, one timeline row per transition
 * (or the note), one {@code orders.lifecycle} event per transition and the ERP commands, all through the
 * outbox, so the state, its history and what the world hears commit together.
 */
@ApplicationScoped
public class OrderJournal {
    @Inject
    OutboxWriter outbox;
    @Inject
    OrderDocuments documents;
    @Inject
    SagaMetrics metrics;

    public static SagaSnapshot snapshotOf(CustomerOrder o) {
        return new SagaSnapshot(OrderState.valueOf(o.state), o.erpOrderNumber, o.commitPending, o.invoicePosted,
                o.compensationTarget == null ? null : OrderState.valueOf(o.compensationTarget), o.attempts,
                o.requestedDate, o.deadlineKind == null ? null : DeadlineKind.valueOf(o.deadlineKind),
                o.deadlineAt == null ? null : o.deadlineAt.toInstant(),
                o.stuckReason == null ? null : StuckReason.valueOf(o.stuckReason));
    }

    public Uni<Decision> record(CustomerOrder order, Decision decision, Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        adopt(order, decision, at);
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Transition t : decision.transitions()) {
            chain = chain.chain(() -> transition(order, t, at));
        }
        if (decision.note() != null) {
            chain = chain.chain(() -> timeline(order, order.state, order.state, decision.note(), at));
        }
        for (ErpCommand command : decision.commands()) {
            chain = chain.chain(() -> erpCommand(order, command));
        }
        return chain.replaceWith(decision);
    }

    /** Copies the decision's snapshot onto the order (the state the saga leaves it in). */
    public static void adopt(CustomerOrder order, Decision decision, OffsetDateTime at) {
        SagaSnapshot next = decision.next();
        StuckReason stuckBefore = order.stuckReason == null ? null : StuckReason.valueOf(order.stuckReason);
        order.state = next.state().name();
        order.erpOrderNumber = next.erpOrderNumber();
        order.commitPending = next.commitPending();
        order.invoicePosted = next.invoicePosted();
        order.compensationTarget = next.compensationTarget() == null ? null : next.compensationTarget().name();
        order.attempts = next.attempts();
        order.deadlineKind = next.deadlineKind() == null ? null : next.deadlineKind().name();
        order.deadlineAt = next.deadlineAt() == null ? null : next.deadlineAt().atOffset(ZoneOffset.UTC);
        order.stuckReason = next.stuck() == null ? null : next.stuck().name();
        if (next.stuck() != stuckBefore) {
            order.stuckSince = next.stuck() == null ? null : at;
        }
        order.updatedAt = at;
    }

    private Uni<Void> transition(CustomerOrder order, Transition t, OffsetDateTime at) {
        order.sequence++;
        metrics.transition(order, t, at);
        return timeline(order, t.from() == null ? null : t.from().name(), t.to().name(), t.cause(), at)
                .chain(() -> outbox.append(Topics.ORDERS_LIFECYCLE, order.id, CloudEventTypes.ORDER_LIFECYCLE,
                        documents.lifecycle(order, t, at), at, correlationOf(order, CorrelationIds.current())))
                .replaceWithVoid();
    }

    private Uni<Void> timeline(CustomerOrder order, String from, String to, String cause, OffsetDateTime at) {
        OrderTransition row = new OrderTransition();
        row.orderId = order.id;
        row.sequence = order.sequence;
        row.fromState = from;
        row.toState = to;
        row.cause = cause;
        row.occurredAt = at;
        return row.persist().replaceWithVoid();
    }

    private Uni<Void> erpCommand(CustomerOrder order, ErpCommand command) {
        String correlation = correlationOf(order, CorrelationIds.current());
        OffsetDateTime now = OffsetDateTime.now();
        if (command instanceof ErpCommand.SubmitSalesOrder) {
            return outbox.append(Topics.ERP_SALES_ORDER_COMMANDS, order.id, CloudEventTypes.CREATE_SALES_ORDER,
                    documents.createSalesOrder(order), now, correlation).replaceWithVoid();
        }
        if (command instanceof ErpCommand.CreateCreditMemo memo) {
            return outbox.append(Topics.ERP_SALES_ORDER_COMMANDS, order.id, CloudEventTypes.CREATE_CREDIT_MEMO,
                    documents.creditMemo(order, memo.returnId()), now, correlation).replaceWithVoid();
        }
        ErpCommand.CancelSalesOrder cancel = (ErpCommand.CancelSalesOrder) command;
        metrics.compensation("cancel-erp-order");
        return outbox.append(Topics.ERP_SALES_ORDER_COMMANDS, order.id, CloudEventTypes.CANCEL_SALES_ORDER,
                new io.tradeflow.contracts.orders.CancelSalesOrderCommand(order.id, cancel.erpOrderNumber(),
                        cancel.reason()), now, correlation).replaceWithVoid();
    }

    /**
     * The correlation id of every event of an order: the one it came in with, whatever moved it since (an ERP, WMS or
     * carrier event, whose connectors seldom echo ours; an operator's cancel; a return; a deadline). A partner's
     * 855/856/810 and every ERP command then share the id of its order; the trace still continues from the cause.
     */
    static String correlationOf(CustomerOrder order, String cause) {
        return order.correlationId != null ? order.correlationId : cause;
    }

}
