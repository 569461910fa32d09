package io.tradeflow.orders.service.saga;

import static io.tradeflow.contracts.orders.OrderState.COMPENSATING;

import java.time.Instant;

import io.tradeflow.contracts.orders.OrderState;

/**
 * One decision as the saga builds it: the snapshot it leaves, the transitions, commands, note and refusal. Entering a
 * state also sets that state's deadline, so a rule only names where the order goes.
 */
final class SagaPlan {
    private final SagaPolicy policy;
    SagaSnapshot snapshot;
    final Instant now;
    final java.util.List<Transition> transitions = new java.util.ArrayList<>();
    final java.util.List<ErpCommand> commands = new java.util.ArrayList<>();
    String note;
    String refusal;

    SagaPlan(SagaSnapshot snapshot, Instant now, SagaPolicy policy) {
        this.snapshot = snapshot;
        this.now = now;
        this.policy = policy;
    }

    void go(OrderState next, String cause) {
        SagaSnapshot left = snapshot;
        transitions.add(new Transition(snapshot.state(), next, cause));
        snapshot = snapshot.in(next);
        snapshot = switch (next) {
            case ACCEPTED, VALIDATED, PRICED, COMPENSATING ->
                    snapshot.withDeadline(DeadlineKind.STEP_RETRY, now.plus(policy.stepLease()));
            case SUBMITTED -> snapshot.withDeadline(DeadlineKind.ERP_ANSWER, now.plus(policy.erpAnswer()));
            case CONFIRMED -> snapshot.withDeadline(DeadlineKind.SHIPMENT, shipBy());
            case DELIVERED -> snapshot.withDeadline(DeadlineKind.INVOICE, now.plus(policy.invoiceAfterDelivery()));
            default -> snapshot;
        };
        // A pending commit is retried on its lease whatever state delivery and invoicing move the order to;
        // the invoice deadline is set again once the commit is through.
        if (snapshot.commitPending() && OrderStages.SHIPPED_OR_LATER.contains(next)) {
            snapshot = snapshot.withDeadline(DeadlineKind.STEP_RETRY, now.plus(policy.stepLease()));
        }
        // After shipment these two reasons are incidents (stock shipped unheld, goods shipped against a
        // cancel), not waits a later milestone resolves: delivery and invoicing keep them listed.
        if (OrderStages.SHIPPED_OR_LATER.contains(next) && OrderStages.SHIPPED_OR_LATER.contains(left.state())
                && (left.stuck() == StuckReason.SHORT_STOCK || left.stuck() == StuckReason.COMPENSATION_FAILING)) {
            snapshot = snapshot.withStuck(left.stuck());
        }
    }

    /** Publishes the order again in the state it is in, because what it carries changed (a late detail). */
    void restate(String cause) {
        transitions.add(new Transition(snapshot.state(), snapshot.state(), cause));
    }

    void compensate(OrderState target, String cause, boolean cancelErpOrder) {
        if (cancelErpOrder) {
            command(new ErpCommand.CancelSalesOrder(snapshot.erpOrderNumber(), cause));
        }
        snapshot = snapshot.compensatingTo(target);
        go(COMPENSATING, cause);
    }

    void command(ErpCommand command) {
        commands.add(command);
    }

    void note(String text) {
        note = text;
    }

    void refuse(String reason) {
        refusal = reason;
    }

    private Instant shipBy() {
        if (snapshot.requestedDate() == null) {
            return now.plus(policy.shipmentWithoutDate());
        }
        return snapshot.requestedDate().plusDays(1).atStartOfDay(policy.zone()).toInstant();
    }

    Decision decision() {
        return new Decision(snapshot, java.util.List.copyOf(transitions), java.util.List.copyOf(commands), note,
                refusal);
    }
}
