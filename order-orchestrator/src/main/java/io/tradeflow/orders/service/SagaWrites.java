package io.tradeflow.orders.service;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.events.CloudEventTypes;
import io.tradeflow.contracts.events.Topics;
import io.tradeflow.contracts.orders.CancelSalesOrderCommand;
import io.tradeflow.orders.repository.CustomerOrder;
import io.tradeflow.orders.repository.OrderRows;
import io.tradeflow.orders.service.saga.Decision;
import io.tradeflow.orders.service.saga.ErpCommand;
import io.tradeflow.orders.service.saga.Transition;
import io.tradeflow.platform.outbox.OutboxWriter;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * What a batch of saga decisions writes, gathered in memory and then written set-based in one round trip: the
 * orders (new ones inserted, others updated), their timeline rows, one lifecycle event per transition and the ERP
 * commands, the last two through the outbox of the same transaction. What OrderJournal does row by row through
 * Hibernate for the paths that are not hot.
 */
final class SagaWrites {
    private final OrderRows rows;
    private final OrderDocuments documents;
    private final SagaMetrics metrics;
    private final OutboxWriter outbox;

    private final List<CustomerOrder> inserted = new ArrayList<>();
    private final Map<String, CustomerOrder> changed = new LinkedHashMap<>();
    private final List<OrderRows.Entry> timeline = new ArrayList<>();
    private final List<OutboxWriter.Pending> lifecycle = new ArrayList<>();
    /** ERP commands in decision order, as runs of one type (one statement per run keeps their order). */
    private final List<Map.Entry<String, List<OutboxWriter.Pending>>> commands = new ArrayList<>();

    SagaWrites(OrderRows rows, OrderDocuments documents, SagaMetrics metrics, OutboxWriter outbox) {
        this.rows = rows;
        this.documents = documents;
        this.metrics = metrics;
        this.outbox = outbox;
    }

    /** A new order and its first decision (ACCEPTED). */
    void insert(CustomerOrder order, Decision decision, OffsetDateTime at, String correlationId, String traceparent) {
        inserted.add(order);
        apply(order, decision, at, correlationId, traceparent);
    }

    /** A decision on a locked, existing order. */
    void record(CustomerOrder order, Decision decision, OffsetDateTime at, String correlationId, String traceparent) {
        changed.put(order.id, order);
        apply(order, decision, at, correlationId, traceparent);
    }

    private void apply(CustomerOrder order, Decision decision, OffsetDateTime at, String causeCorrelationId,
                       String traceparent) {
        String correlationId = OrderJournal.correlationOf(order, causeCorrelationId);
        OrderJournal.adopt(order, decision, at);
        for (Transition t : decision.transitions()) {
            order.sequence++;
            metrics.transition(order, t, at);
            timeline.add(new OrderRows.Entry(order.id, order.sequence, t.from() == null ? null : t.from().name(),
                    t.to().name(), t.cause(), at));
            lifecycle.add(new OutboxWriter.Pending(order.id, documents.lifecycle(order, t, at), at, correlationId,
                    traceparent));
        }
        if (decision.note() != null) {
            timeline.add(new OrderRows.Entry(order.id, order.sequence, order.state, order.state, decision.note(), at));
        }
        for (ErpCommand command : decision.commands()) {
            if (command instanceof ErpCommand.SubmitSalesOrder) {
                command(CloudEventTypes.CREATE_SALES_ORDER, new OutboxWriter.Pending(order.id,
                        documents.createSalesOrder(order), at, correlationId, traceparent));
            } else if (command instanceof ErpCommand.CreateCreditMemo memo) {
                command(CloudEventTypes.CREATE_CREDIT_MEMO, new OutboxWriter.Pending(order.id,
                        documents.creditMemo(order, memo.returnId()), at, correlationId, traceparent));
            } else {
                ErpCommand.CancelSalesOrder cancel = (ErpCommand.CancelSalesOrder) command;
                metrics.compensation("cancel-erp-order");
                command(CloudEventTypes.CANCEL_SALES_ORDER, new OutboxWriter.Pending(order.id,
                        new CancelSalesOrderCommand(order.id, cancel.erpOrderNumber(), cancel.reason()), at,
                        correlationId, traceparent));
            }
        }
    }

    private void command(String type, OutboxWriter.Pending pending) {
        if (commands.isEmpty() || !commands.get(commands.size() - 1).getKey().equals(type)) {
            commands.add(Map.entry(type, new ArrayList<>()));
        }
        commands.get(commands.size() - 1).getValue().add(pending);
    }

    /** Issued together so the connection pipelines them (in this order: orders before their timeline rows). */
    Uni<Void> write(SqlConnection conn, Uni<Void> alongside) {
        List<Uni<Void>> all = new ArrayList<>();
        all.add(alongside);
        all.add(rows.insert(conn, inserted));
        all.add(rows.update(conn, new ArrayList<>(changed.values())));
        all.add(rows.timeline(conn, timeline));
        if (!lifecycle.isEmpty()) {
            all.add(outbox.appendAll(conn, Topics.ORDERS_LIFECYCLE, CloudEventTypes.ORDER_LIFECYCLE, lifecycle));
        }
        for (Map.Entry<String, List<OutboxWriter.Pending>> run : commands) {
            all.add(outbox.appendAll(conn, Topics.ERP_SALES_ORDER_COMMANDS, run.getKey(), run.getValue()));
        }
        return Uni.join().all(all).andFailFast().replaceWithVoid();
    }
}
