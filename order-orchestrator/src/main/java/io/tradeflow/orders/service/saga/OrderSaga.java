package io.tradeflow.orders.service.saga;

import static io.tradeflow.contracts.orders.OrderState.ACCEPTED;
import static io.tradeflow.contracts.orders.OrderState.CANCELLED;
import static io.tradeflow.contracts.orders.OrderState.COMPENSATING;
import static io.tradeflow.contracts.orders.OrderState.COMPLETED;
import static io.tradeflow.contracts.orders.OrderState.CONFIRMED;
import static io.tradeflow.contracts.orders.OrderState.DELIVERED;
import static io.tradeflow.contracts.orders.OrderState.FAILED;
import static io.tradeflow.contracts.orders.OrderState.FAILED_TO_COMPENSATE;
import static io.tradeflow.contracts.orders.OrderState.INVOICED;
import static io.tradeflow.contracts.orders.OrderState.PRICED;
import static io.tradeflow.contracts.orders.OrderState.REJECTED;
import static io.tradeflow.contracts.orders.OrderState.SHIPPED;
import static io.tradeflow.contracts.orders.OrderState.SUBMITTED;
import static io.tradeflow.contracts.orders.OrderState.VALIDATED;

import java.time.Instant;

import io.tradeflow.contracts.orders.OrderState;
import io.tradeflow.orders.service.saga.SagaEvent.CancelRequested;
import io.tradeflow.orders.service.saga.SagaEvent.CommitRefused;
import io.tradeflow.orders.service.saga.SagaEvent.CreditMemoPosted;
import io.tradeflow.orders.service.saga.SagaEvent.CustomerRefused;
import io.tradeflow.orders.service.saga.SagaEvent.CustomerValidated;
import io.tradeflow.orders.service.saga.SagaEvent.DeadlinePassed;
import io.tradeflow.orders.service.saga.SagaEvent.Delivered;
import io.tradeflow.orders.service.saga.SagaEvent.ErpAccepted;
import io.tradeflow.orders.service.saga.SagaEvent.ErpRejected;
import io.tradeflow.orders.service.saga.SagaEvent.InvoicePosted;
import io.tradeflow.orders.service.saga.SagaEvent.PriceRefused;
import io.tradeflow.orders.service.saga.SagaEvent.Priced;
import io.tradeflow.orders.service.saga.SagaEvent.ReservationCommitted;
import io.tradeflow.orders.service.saga.SagaEvent.ReservationReleased;
import io.tradeflow.orders.service.saga.SagaEvent.ReturnAuthorised;
import io.tradeflow.orders.service.saga.SagaEvent.ReturnReceived;
import io.tradeflow.orders.service.saga.SagaEvent.Reserved;
import io.tradeflow.orders.service.saga.SagaEvent.Shipped;
import io.tradeflow.orders.service.saga.SagaEvent.StepUnavailable;
import io.tradeflow.orders.service.saga.SagaEvent.StockRefused;

/**
 * The order-to-cash saga as a pure function: (snapshot, event, now) → decision. No I/O, so every path is a
 * plain unit test and the persisted snapshot is the whole truth after a restart. Compensation runs in
 * reverse: the ERP cancel goes out with the decision, the reservation release is the step that follows.
 */
public final class OrderSaga {
    private final SagaPolicy policy;

    public OrderSaga(SagaPolicy policy) {
        this.policy = policy;
    }

    /** The first transition of every order: taken in, nothing checked yet; validation is our next step. */
    public Decision receive(java.time.LocalDate requestedDate, String cause, Instant now) {
        SagaSnapshot start = SagaSnapshot.received(requestedDate)
                .withDeadline(DeadlineKind.STEP_RETRY, now.plus(policy.stepLease()));
        return new Decision(start, java.util.List.of(new Transition(null, ACCEPTED, cause)), java.util.List.of(), null,
                null);
    }

    /** True when the order's next move is a call we make (not an answer we wait for). */
    public static boolean ourMove(SagaSnapshot s) {
        return s.state() == ACCEPTED || s.state() == VALIDATED || s.state() == PRICED || s.state() == COMPENSATING
                || s.commitPending();
    }

    public Decision apply(SagaSnapshot s, SagaEvent event, Instant now) {
        SagaPlan plan = new SagaPlan(s, now, policy);
        OrderState state = s.state();
        if (event instanceof CustomerValidated) {
            if (state == ACCEPTED) {
                plan.go(VALIDATED, "customer in good standing");
            }
        } else if (event instanceof CustomerRefused r) {
            if (state == ACCEPTED || state == VALIDATED) {
                plan.go(REJECTED, r.reason());
            }
        } else if (event instanceof Priced p) {
            if (state == VALIDATED) {
                plan.go(PRICED, p.summary());
            }
        } else if (event instanceof PriceRefused r) {
            if (state == VALIDATED) {
                plan.go(REJECTED, r.reason());
            }
        } else if (event instanceof StepUnavailable u) {
            unavailable(plan, u);
        } else if (event instanceof Reserved r) {
            if (state == PRICED) {
                plan.go(OrderState.ALLOCATED, r.backordered() ? "stock reserved, rest backordered" : "stock reserved");
                plan.go(SUBMITTED, "sales order sent to the ERP");
                plan.command(new ErpCommand.SubmitSalesOrder());
            }
        } else if (event instanceof StockRefused r) {
            if (state == PRICED) {
                plan.go(REJECTED, r.reason());
            }
        } else if (event instanceof ErpAccepted a) {
            erpAccepted(plan, a);
        } else if (event instanceof ErpRejected r) {
            if (state == SUBMITTED) {
                plan.compensate(FAILED, "ERP rejected the sales order: " + r.reason(), false);
            } else {
                plan.note("ERP rejection ignored in state " + state + ": " + r.reason());
            }
        } else if (event instanceof Shipped sh) {
            shipped(plan, sh);
        } else if (event instanceof ReservationCommitted) {
            committed(plan, "reservation committed", null);
        } else if (event instanceof CommitRefused r) {
            // The hold is gone (expired or released), so the shipped quantity went back on sale: stock to reconcile.
            committed(plan, "inventory refused to commit the reservation (" + r.reason()
                    + "): the shipped stock was not held, reconcile it against the warehouse", StuckReason.SHORT_STOCK);
        } else if (event instanceof Delivered d) {
            delivered(plan, d);
        } else if (event instanceof InvoicePosted i) {
            invoiced(plan, i);
        } else if (event instanceof CancelRequested c) {
            cancel(plan, c);
        } else if (event instanceof ReservationReleased) {
            if (state == COMPENSATING) {
                plan.go(s.compensationTarget() == null ? CANCELLED : s.compensationTarget(), "reservation released");
            }
        } else if (event instanceof DeadlinePassed d) {
            deadline(plan, d.kind());
        } else if (event instanceof ReturnAuthorised r) {
            // Returns run beside the order's own state: a completed order stays completed while it is credited.
            plan.note(r.summary());
        } else if (event instanceof ReturnReceived r) {
            if (OrderStages.SHIPPED_OR_LATER.contains(state) && s.stuck() == StuckReason.WAITING_ON_WAREHOUSE) {
                // After shipment the warehouse is only waited on for returns: the goods arrived (ReturnWatch
                // flags the order again if another of its returns is still overdue).
                plan.snapshot = plan.snapshot.withStuck(null);
            }
            if (r.toCredit()) {
                plan.command(new ErpCommand.CreateCreditMemo(r.returnId()));
            }
            plan.note(r.summary());
        } else if (event instanceof CreditMemoPosted c) {
            plan.note(c.summary());
        }
        return plan.decision();
    }

    private void unavailable(SagaPlan plan, StepUnavailable u) {
        SagaSnapshot s = plan.snapshot;
        // A commit still pending is ours to retry in every state after shipment, delivered and invoiced included.
        boolean ours = s.state() == ACCEPTED || s.state() == VALIDATED || s.state() == PRICED
                || s.state() == COMPENSATING || (OrderStages.SHIPPED_OR_LATER.contains(s.state()) && s.commitPending());
        if (!ours) {
            return;
        }
        int attempt = s.attempts() + 1;
        if (s.state() == COMPENSATING && attempt >= policy.maxCompensationAttempts()) {
            plan.go(FAILED_TO_COMPENSATE, "compensation keeps failing: " + u.what());
            plan.snapshot = plan.snapshot.withStuck(StuckReason.COMPENSATION_FAILING);
            return;
        }
        if (s.state() == VALIDATED && attempt >= policy.maxStepAttempts()) {
            plan.go(REJECTED, "pricing unavailable: " + u.what());
            return;
        }
        if (s.state() == PRICED && attempt >= policy.maxStepAttempts()) {
            // The reservation may exist even though its answer was lost: release it to be sure.
            plan.compensate(REJECTED, "inventory unavailable: " + u.what(), false);
            return;
        }
        plan.snapshot = plan.snapshot.withAttempts(attempt)
                .withDeadline(DeadlineKind.STEP_RETRY, plan.now.plus(policy.backoff(attempt)));
        if (s.state() == COMPENSATING) {
            plan.snapshot = plan.snapshot.withStuck(StuckReason.COMPENSATION_FAILING);
        }
        plan.note(u.what() + " unavailable (attempt " + attempt + "), retrying");
    }

    private void erpAccepted(SagaPlan plan, ErpAccepted a) {
        SagaSnapshot s = plan.snapshot;
        if (s.state() == SUBMITTED) {
            plan.snapshot = s.withErpOrderNumber(a.erpOrderNumber());
            plan.go(CONFIRMED, "ERP accepted as " + a.erpOrderNumber());
        } else if (s.state() == COMPENSATING || s.state() == CANCELLED || s.state() == FAILED
                || s.state() == REJECTED || s.state() == FAILED_TO_COMPENSATE) {
            // A forward success after compensation is reversed, never left dangling in the ERP.
            plan.snapshot = s.withErpOrderNumber(a.erpOrderNumber());
            plan.command(new ErpCommand.CancelSalesOrder(a.erpOrderNumber(),
                    "accepted after the order was " + s.state().name().toLowerCase()));
            plan.note("late ERP acceptance " + a.erpOrderNumber() + " reversed: cancel sent");
        } else if (OrderStages.SHIPPED_OR_LATER.contains(s.state()) && s.erpOrderNumber() == null) {
            // The warehouse reported first; the ERP number is still what invoices and partners (the 855) refer to,
            // so it is published, in the state the order is in.
            plan.snapshot = s.withErpOrderNumber(a.erpOrderNumber());
            plan.restate("ERP accepted as " + a.erpOrderNumber() + " after the order was " + s.state().name()
                    .toLowerCase());
        }
    }

    private void shipped(SagaPlan plan, Shipped sh) {
        SagaSnapshot s = plan.snapshot;
        if (s.state() == CONFIRMED || s.state() == SUBMITTED) {
            plan.snapshot = s.withCommitPending(true);
            plan.go(SHIPPED, sh.summary());
        } else if (s.state() == COMPENSATING) {
            // The goods left before the cancel reached the warehouse. Releasing the hold now would put units that
            // are gone back on sale, so the shipment wins: the stock is committed and the order follows the goods.
            plan.snapshot = s.withCommitPending(true);
            plan.go(SHIPPED, "shipped while being " + (s.compensationTarget() == null ? "cancelled"
                    : s.compensationTarget().name().toLowerCase()) + ": recall the shipment or re-bill it ("
                    + sh.summary() + ")");
            plan.snapshot = plan.snapshot.withStuck(StuckReason.COMPENSATION_FAILING);
        } else if (OrderStages.UNDONE.contains(s.state())) {
            // The cancel did not reach the warehouse in time: goods are on their way for an order nobody owes.
            plan.snapshot = s.withStuck(StuckReason.COMPENSATION_FAILING);
            plan.note("shipped although the order is " + s.state().name().toLowerCase()
                    + ": recall the shipment or re-bill it (" + sh.summary() + ")");
        } else if (sh.firstDocument() && OrderStages.SHIPPED_OR_LATER.contains(s.state())) {
            // The delivery implied the shipment (and committed everything held); its details (carrier, tracking,
            // lines: the partner's 856) follow.
            plan.restate("shipment details: " + sh.summary());
        } else if (sh.newShipment() && OrderStages.SHIPPED_OR_LATER.contains(s.state())) {
            // Another part of the order left (a second warehouse, a backorder filled): its units are committed and
            // it is published on its own, so the partner gets an 856 for each shipment.
            plan.snapshot = s.withCommitPending(true);
            plan.restate(sh.summary());
        } else {
            plan.note("shipment reported in state " + s.state() + ": " + sh.summary());
        }
    }

    private void delivered(SagaPlan plan, Delivered d) {
        SagaSnapshot s = plan.snapshot;
        if (s.state() == CONFIRMED || s.state() == SUBMITTED) {
            // Carrier and warehouse report on separate topics, so a delivery can overtake its shipment.
            plan.snapshot = s.withCommitPending(true);
            plan.go(SHIPPED, "shipment implied by the delivery");
        } else if (OrderStages.UNDONE.contains(s.state())) {
            shipped(plan, new Shipped("delivered: " + d.summary()));
        }
        if (plan.snapshot.state() != SHIPPED) {
            return;
        }
        plan.go(DELIVERED, d.summary());
        if (plan.snapshot.invoicePosted()) {
            plan.go(INVOICED, "invoice posted before delivery");
            plan.go(COMPLETED, "delivered and invoiced");
        }
    }

    /** Ends a pending commit; the step-retry lease it held gives way to the deadline of the state reached meanwhile. */
    private void committed(SagaPlan plan, String note, StuckReason stuck) {
        SagaSnapshot s = plan.snapshot;
        if (!s.commitPending()) {
            return;
        }
        plan.snapshot = s.withCommitPending(false);
        if (s.deadlineKind() == DeadlineKind.STEP_RETRY) {
            plan.snapshot = s.state() == DELIVERED
                    ? plan.snapshot.withDeadline(DeadlineKind.INVOICE, plan.now.plus(policy.invoiceAfterDelivery()))
                    : plan.snapshot.withDeadline(null, null);
        }
        if (stuck != null) {
            plan.snapshot = plan.snapshot.withStuck(stuck);
        }
        plan.note(note);
    }


    private void invoiced(SagaPlan plan, InvoicePosted i) {
        SagaSnapshot s = plan.snapshot;
        if (s.state() == DELIVERED) {
            plan.go(INVOICED, "invoice " + i.invoiceNumber() + " posted");
            plan.go(COMPLETED, "delivered and invoiced");
        } else if (s.state() == SHIPPED || s.state() == CONFIRMED) {
            boolean first = !s.invoicePosted();
            plan.snapshot = s.withInvoicePosted();
            // Restated, not only noted: a ship-and-bill distributor's customers expect the invoice (a partner's 810)
            // when the goods leave, not when a carrier reports a delivery, which some never do.
            if (first) {
                plan.restate("invoice " + i.invoiceNumber() + " posted before delivery");
            } else {
                plan.note("invoice " + i.invoiceNumber() + " repeated");
            }
        } else {
            return;
        }
        if (i.holdLeft()) {
            // Billed means nothing more ships on this order: what its shipments left held goes back on sale.
            plan.snapshot = plan.snapshot.withCommitPending(true);
            plan.note("invoiced with part of the reservation unshipped: releasing it");
        }
    }

    private void cancel(SagaPlan plan, CancelRequested c) {
        SagaSnapshot s = plan.snapshot;
        switch (s.state()) {
            case ACCEPTED, VALIDATED -> plan.go(CANCELLED, c.reason());
            case PRICED, ALLOCATED -> plan.compensate(CANCELLED, c.reason(), false);
            case SUBMITTED, CONFIRMED -> plan.compensate(CANCELLED, c.reason(), true);
            case CANCELLED -> plan.note("cancel repeated");
            case COMPENSATING -> plan.note("cancel requested while compensating");
            case SHIPPED, DELIVERED, INVOICED, COMPLETED -> plan.refuse("the order has already shipped");
            default -> plan.refuse("the order is already " + s.state());
        }
    }

    private void deadline(SagaPlan plan, DeadlineKind kind) {
        SagaSnapshot s = plan.snapshot;
        if (kind != s.deadlineKind()) {
            return;
        }
        switch (kind) {
            case STEP_RETRY -> plan.snapshot = s.withDeadline(kind, plan.now.plus(policy.stepLease()));
            case ERP_ANSWER -> {
                plan.snapshot = s.withStuck(StuckReason.WAITING_ON_ERP)
                        .withDeadline(DeadlineKind.ERP_GIVE_UP, plan.now.plus(policy.erpGiveUp()));
                plan.note("no ERP answer within " + policy.erpAnswer());
            }
            case ERP_GIVE_UP -> plan.compensate(FAILED, "no ERP answer within "
                    + policy.erpAnswer().plus(policy.erpGiveUp()), true);
            case SHIPMENT -> {
                plan.snapshot = s.withStuck(StuckReason.WAITING_ON_WAREHOUSE).withDeadline(null, null);
                plan.note("not shipped by the requested date");
            }
            case INVOICE -> {
                plan.snapshot = s.withStuck(StuckReason.WAITING_ON_ERP).withDeadline(null, null);
                plan.note("no invoice within " + policy.invoiceAfterDelivery() + " of delivery");
            }
        }
    }
}
