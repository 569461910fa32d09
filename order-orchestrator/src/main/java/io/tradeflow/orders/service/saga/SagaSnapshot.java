package io.tradeflow.orders.service.saga;

import java.time.Instant;
import java.time.LocalDate;

import io.tradeflow.contracts.orders.OrderState;

/**
 * What the saga needs to know about an order to decide its next step; persisted on the order row.
 *
 * @param compensationTarget the state compensation ends in (CANCELLED, FAILED, REJECTED)
 * @param attempts           failed tries of the current step, reset by every transition
 * @param commitPending      shipped, but inventory has not confirmed the reservation commit yet
 * @param invoicePosted      the ERP may invoice before the carrier reports delivery
 */
public record SagaSnapshot(OrderState state, String erpOrderNumber, boolean commitPending, boolean invoicePosted,
                           OrderState compensationTarget, int attempts, LocalDate requestedDate,
                           DeadlineKind deadlineKind, Instant deadlineAt, StuckReason stuck) {

    public static SagaSnapshot received(LocalDate requestedDate) {
        return new SagaSnapshot(OrderState.ACCEPTED, null, false, false, null, 0, requestedDate, null, null, null);
    }

    SagaSnapshot in(OrderState next) {
        return new SagaSnapshot(next, erpOrderNumber, commitPending, invoicePosted, compensationTarget, 0,
                requestedDate, null, null, null);
    }

    SagaSnapshot withErpOrderNumber(String number) {
        return new SagaSnapshot(state, number, commitPending, invoicePosted, compensationTarget, attempts,
                requestedDate, deadlineKind, deadlineAt, stuck);
    }

    SagaSnapshot withCommitPending(boolean pending) {
        return new SagaSnapshot(state, erpOrderNumber, pending, invoicePosted, compensationTarget, attempts,
                requestedDate, deadlineKind, deadlineAt, stuck);
    }

    SagaSnapshot withInvoicePosted() {
        return new SagaSnapshot(state, erpOrderNumber, commitPending, true, compensationTarget, attempts,
                requestedDate, deadlineKind, deadlineAt, stuck);
    }

    SagaSnapshot compensatingTo(OrderState target) {
        return new SagaSnapshot(state, erpOrderNumber, commitPending, invoicePosted, target, attempts,
                requestedDate, deadlineKind, deadlineAt, stuck);
    }

    SagaSnapshot withAttempts(int count) {
        return new SagaSnapshot(state, erpOrderNumber, commitPending, invoicePosted, compensationTarget, count,
                requestedDate, deadlineKind, deadlineAt, stuck);
    }

    SagaSnapshot withDeadline(DeadlineKind kind, Instant at) {
        return new SagaSnapshot(state, erpOrderNumber, commitPending, invoicePosted, compensationTarget, attempts,
                requestedDate, kind, at, stuck);
    }

    SagaSnapshot withStuck(StuckReason reason) {
        return new SagaSnapshot(state, erpOrderNumber, commitPending, invoicePosted, compensationTarget, attempts,
                requestedDate, deadlineKind, deadlineAt, reason);
    }
}
