package io.tradeflow.orders.service.saga;

import static io.tradeflow.contracts.orders.OrderState.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.tradeflow.contracts.customers.CreditStatus;
import io.tradeflow.contracts.orders.OrderState;

/** Every path of the order-to-cash saga, as pure decisions. */
class OrderSagaTest {
    final SagaPolicy policy = SagaPolicy.defaults();
    final OrderSaga saga = new OrderSaga(policy);
    Instant now = Instant.parse("2026-11-27T10:00:00Z");
    SagaSnapshot order = saga.receive(LocalDate.parse("2026-12-01"), "received", now).next();

    private Decision on(SagaEvent event) {
        Decision d = saga.apply(order, event, now);
        order = d.next();
        return d;
    }

    private List<OrderState> states(Decision d) {
        return d.transitions().stream().map(Transition::to).toList();
    }

    private void throughSubmission() {
        on(new SagaEvent.CustomerValidated());
        on(new SagaEvent.Priced("priced"));
        Decision reserved = on(new SagaEvent.Reserved(false));
        assertThat(states(reserved)).containsExactly(ALLOCATED, SUBMITTED);
        assertThat(reserved.commands()).containsExactly(new ErpCommand.SubmitSalesOrder());
    }

    @Test
    void successRunsFromAcceptanceToCompletedWithOneTransitionPerStage() {
        assertThat(order.state()).isEqualTo(ACCEPTED);
        assertThat(order.deadlineKind()).isEqualTo(DeadlineKind.STEP_RETRY);
        throughSubmission();
        assertThat(order.deadlineKind()).isEqualTo(DeadlineKind.ERP_ANSWER);
        assertThat(states(on(new SagaEvent.ErpAccepted("SO-1")))).containsExactly(CONFIRMED);
        assertThat(order.erpOrderNumber()).isEqualTo("SO-1");
        assertThat(order.deadlineAt()).isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
        assertThat(states(on(new SagaEvent.Shipped("shipped")))).containsExactly(SHIPPED);
        assertThat(order.commitPending()).isTrue();
        on(new SagaEvent.ReservationCommitted());
        assertThat(order.commitPending()).isFalse();
        assertThat(states(on(new SagaEvent.Delivered("delivered")))).containsExactly(DELIVERED);
        assertThat(order.deadlineKind()).isEqualTo(DeadlineKind.INVOICE);
        assertThat(states(on(new SagaEvent.InvoicePosted("INV-1")))).containsExactly(INVOICED, COMPLETED);
        assertThat(order.deadlineKind()).isNull();
    }

    @Test
    void invoiceBeforeDeliveryCompletesTheOrderAtDelivery() {
        throughSubmission();
        on(new SagaEvent.ErpAccepted("SO-2"));
        on(new SagaEvent.Shipped("shipped"));
        // Still SHIPPED, restated once so the invoice is published (a partner's 810) without waiting for a delivery.
        assertThat(states(on(new SagaEvent.InvoicePosted("INV-2")))).containsExactly(SHIPPED);
        assertThat(states(on(new SagaEvent.InvoicePosted("INV-2")))).isEmpty();
        assertThat(states(on(new SagaEvent.Delivered("delivered")))).containsExactly(DELIVERED, INVOICED, COMPLETED);
    }

    @Test
    void creditHoldRejectsWithTheReason() {
        String refusal = CreditRule.refusalBeforePricing(true, CreditStatus.HOLD, new BigDecimal("1000"), BigDecimal.ZERO);
        Decision d = on(new SagaEvent.CustomerRefused(refusal));
        assertThat(states(d)).containsExactly(REJECTED);
        assertThat(d.transitions().get(0).cause()).isEqualTo("customer on credit hold");
        assertThat(order.deadlineKind()).isNull();
    }

    @Test
    void anOrderAboveWhatIsLeftOfTheLimitIsRejectedAfterPricing() {
        assertThat(CreditRule.refusalAfterPricing(new BigDecimal("1000"), new BigDecimal("600"),
                new BigDecimal("300"), new BigDecimal("150"))).startsWith("over credit limit");
        assertThat(CreditRule.refusalAfterPricing(new BigDecimal("1000"), new BigDecimal("600"),
                new BigDecimal("300"), new BigDecimal("100"))).isNull();
        on(new SagaEvent.CustomerValidated());
        assertThat(states(on(new SagaEvent.CustomerRefused("over credit limit")))).containsExactly(REJECTED);
    }

    @Test
    void outOfStockRejectsTheOrderWithoutTellingTheErp() {
        on(new SagaEvent.CustomerValidated());
        on(new SagaEvent.Priced("priced"));
        Decision d = on(new SagaEvent.StockRefused("insufficient stock: SKU-1 short by 3"));
        assertThat(states(d)).containsExactly(REJECTED);
        assertThat(d.commands()).isEmpty();
    }

    @Test
    void pricingDownKeepsTheOrderWaitingWithBackoffThenRejectsIt() {
        on(new SagaEvent.CustomerValidated());
        Decision first = on(new SagaEvent.StepUnavailable("pricing-service"));
        assertThat(first.changed()).isFalse();
        assertThat(order.state()).isEqualTo(VALIDATED);
        assertThat(order.deadlineAt()).isEqualTo(now.plus(policy.retryBackoff()));
        Decision second = on(new SagaEvent.StepUnavailable("pricing-service"));
        assertThat(order.deadlineAt()).isEqualTo(now.plus(policy.retryBackoff().multipliedBy(2)));
        assertThat(second.note()).contains("attempt 2");
        Decision last = null;
        for (int i = 2; i < policy.maxStepAttempts(); i++) {
            last = on(new SagaEvent.StepUnavailable("pricing-service"));
        }
        assertThat(states(last)).containsExactly(REJECTED);
        assertThat(last.transitions().get(0).cause()).startsWith("pricing unavailable");
    }

    @Test
    void erpRejectionCompensatesByReleasingTheReservationAndFails() {
        throughSubmission();
        Decision d = on(new SagaEvent.ErpRejected("customer blocked"));
        assertThat(states(d)).containsExactly(COMPENSATING);
        assertThat(d.commands()).isEmpty();
        assertThat(order.compensationTarget()).isEqualTo(FAILED);
        assertThat(states(on(new SagaEvent.ReservationReleased()))).containsExactly(FAILED);
    }

    @Test
    void erpSilencePastTheDeadlineMarksStuckThenCompensatesAndCancelsInTheErp() {
        throughSubmission();
        Decision stuck = on(new SagaEvent.DeadlinePassed(DeadlineKind.ERP_ANSWER));
        assertThat(stuck.changed()).isFalse();
        assertThat(order.stuck()).isEqualTo(StuckReason.WAITING_ON_ERP);
        assertThat(order.deadlineKind()).isEqualTo(DeadlineKind.ERP_GIVE_UP);
        Decision giveUp = on(new SagaEvent.DeadlinePassed(DeadlineKind.ERP_GIVE_UP));
        assertThat(states(giveUp)).containsExactly(COMPENSATING);
        assertThat(giveUp.commands()).hasSize(1).first().isInstanceOf(ErpCommand.CancelSalesOrder.class);
        assertThat(states(on(new SagaEvent.ReservationReleased()))).containsExactly(FAILED);
    }

    @Test
    void aDeadlineOfAnotherKindThanTheCurrentOneIsIgnored() {
        throughSubmission();
        Decision d = on(new SagaEvent.DeadlinePassed(DeadlineKind.SHIPMENT));
        assertThat(d.changed()).isFalse();
        assertThat(order.stuck()).isNull();
    }

    @Test
    void cancelAfterErpAcceptanceCancelsTheErpOrderThenReleasesStock() {
        throughSubmission();
        on(new SagaEvent.ErpAccepted("SO-3"));
        Decision d = on(new SagaEvent.CancelRequested("customer called"));
        assertThat(states(d)).containsExactly(COMPENSATING);
        assertThat(d.commands()).containsExactly(new ErpCommand.CancelSalesOrder("SO-3", "customer called"));
        assertThat(states(on(new SagaEvent.ReservationReleased()))).containsExactly(CANCELLED);
    }

    @Test
    void cancelBeforeAnythingIsHeldCancelsAtOnceAndCancelAfterShipmentIsRefused() {
        assertThat(states(on(new SagaEvent.CancelRequested("changed mind")))).containsExactly(CANCELLED);
        order = saga.receive(null, "received", now).next();
        throughSubmission();
        on(new SagaEvent.ErpAccepted("SO-4"));
        on(new SagaEvent.Shipped("shipped"));
        Decision refused = on(new SagaEvent.CancelRequested("too late"));
        assertThat(refused.refused()).isTrue();
        assertThat(order.state()).isEqualTo(SHIPPED);
    }

    @Test
    void lateErpAcceptanceAfterCompensationIsReversedWithACancel() {
        throughSubmission();
        on(new SagaEvent.CancelRequested("customer called"));
        on(new SagaEvent.ReservationReleased());
        assertThat(order.state()).isEqualTo(CANCELLED);
        Decision late = on(new SagaEvent.ErpAccepted("SO-5"));
        assertThat(late.changed()).isFalse();
        assertThat(late.commands()).containsExactly(new ErpCommand.CancelSalesOrder("SO-5", "accepted after the order was cancelled"));
        assertThat(late.note()).contains("reversed");
    }

    @Test
    void compensationThatKeepsFailingEndsAsAnIncident() {
        throughSubmission();
        on(new SagaEvent.ErpRejected("no"));
        Decision d = null;
        for (int i = 0; i < policy.maxCompensationAttempts(); i++) {
            d = on(new SagaEvent.StepUnavailable("inventory-service release"));
        }
        assertThat(states(d)).containsExactly(FAILED_TO_COMPENSATE);
        assertThat(order.stuck()).isEqualTo(StuckReason.COMPENSATION_FAILING);
    }

    @Test
    void duplicateAnswersChangeNothing() {
        throughSubmission();
        on(new SagaEvent.ErpAccepted("SO-6"));
        assertThat(on(new SagaEvent.ErpAccepted("SO-6")).changed()).isFalse();
        assertThat(on(new SagaEvent.Reserved(false)).commands()).isEmpty();
        assertThat(order.state()).isEqualTo(CONFIRMED);
    }

    @Test
    void aDeliveryThatOvertakesItsShipmentShipsAndDeliversTheOrderAndStillCommitsTheStock() {
        throughSubmission();
        on(new SagaEvent.ErpAccepted("SO-7"));
        Decision d = on(new SagaEvent.Delivered("delivered"));
        assertThat(states(d)).containsExactly(SHIPPED, DELIVERED);
        assertThat(order.commitPending()).isTrue();
        assertThat(order.deadlineKind()).isEqualTo(DeadlineKind.STEP_RETRY);
        assertThat(OrderSaga.ourMove(order)).isTrue();
        on(new SagaEvent.ReservationCommitted());
        assertThat(order.commitPending()).isFalse();
        assertThat(order.deadlineKind()).isEqualTo(DeadlineKind.INVOICE);
        assertThat(order.deadlineAt()).isEqualTo(now.plus(policy.invoiceAfterDelivery()));
        // The shipment's own report follows: the order is published again with its details (the partner's 856).
        Decision lateShipment = on(new SagaEvent.Shipped("shipped", true, true));
        assertThat(lateShipment.transitions()).containsExactly(new Transition(DELIVERED, DELIVERED,
                "shipment details: shipped"));
        assertThat(order.state()).isEqualTo(DELIVERED);
        assertThat(order.deadlineKind()).isEqualTo(DeadlineKind.INVOICE);
        assertThat(on(new SagaEvent.Shipped("shipped again", false, false)).changed()).isFalse();
    }

    @Test
    void aCommitInventoryCannotTakeYetIsRetriedAfterDeliveryAndInvoicing() {
        throughSubmission();
        on(new SagaEvent.ErpAccepted("SO-8"));
        on(new SagaEvent.Shipped("shipped"));
        on(new SagaEvent.Delivered("delivered"));
        assertThat(order.deadlineKind()).isEqualTo(DeadlineKind.STEP_RETRY);
        Decision retry = on(new SagaEvent.StepUnavailable("inventory-service commit"));
        assertThat(retry.note()).contains("retrying");
        assertThat(order.attempts()).isEqualTo(1);
        assertThat(order.deadlineAt()).isEqualTo(now.plus(policy.backoff(1)));
        assertThat(states(on(new SagaEvent.InvoicePosted("INV-8")))).containsExactly(INVOICED, COMPLETED);
        assertThat(order.commitPending()).isTrue();
        assertThat(order.deadlineKind()).isEqualTo(DeadlineKind.STEP_RETRY);
        on(new SagaEvent.ReservationCommitted());
        assertThat(order.commitPending()).isFalse();
        assertThat(order.deadlineKind()).isNull();
    }

    @Test
    void anotherPartOfASplitShipmentIsCommittedAndPublishedInTheStateTheOrderIsIn() {
        throughSubmission();
        on(new SagaEvent.ErpAccepted("SO-10"));
        on(new SagaEvent.Shipped("shipped SH-1", true, true));
        on(new SagaEvent.ReservationCommitted());
        on(new SagaEvent.Delivered("delivered"));
        assertThat(order.commitPending()).isFalse();

        Decision second = on(new SagaEvent.Shipped("shipped another part, SH-2", false, true));
        assertThat(second.transitions()).containsExactly(new Transition(DELIVERED, DELIVERED,
                "shipped another part, SH-2"));
        assertThat(order.commitPending()).isTrue();
        assertThat(OrderSaga.ourMove(order)).isTrue();
        on(new SagaEvent.ReservationCommitted());
        assertThat(order.commitPending()).isFalse();
        assertThat(order.deadlineKind()).isEqualTo(DeadlineKind.INVOICE);
        // The warehouse resending SH-2 is a note, not a third shipment.
        Decision resent = on(new SagaEvent.Shipped("shipped SH-2", false, false));
        assertThat(resent.transitions()).allSatisfy(t -> assertThat(t.to()).isEqualTo(DELIVERED));
        assertThat(order.commitPending()).isFalse();
    }

    @Test
    void anInvoiceForAnOrderWhoseShipmentsLeftPartOfTheHoldReleasesThatPart() {
        throughSubmission();
        on(new SagaEvent.ErpAccepted("SO-11"));
        on(new SagaEvent.Shipped("shipped SH-1", true, true));
        on(new SagaEvent.ReservationCommitted());
        on(new SagaEvent.Delivered("delivered"));
        Decision invoiced = on(new SagaEvent.InvoicePosted("INV-11", true));
        assertThat(states(invoiced)).containsExactly(INVOICED, COMPLETED);
        assertThat(order.commitPending()).as("the unshipped part is ours to release").isTrue();
        assertThat(OrderSaga.ourMove(order)).isTrue();
        on(new SagaEvent.ReservationCommitted());
        assertThat(order.commitPending()).isFalse();
        assertThat(order.state()).isEqualTo(COMPLETED);
    }

    @Test
    void anErpAcceptanceThatArrivesAfterTheShipmentStillRecordsTheErpOrderNumber() {
        throughSubmission();
        on(new SagaEvent.Shipped("shipped"));
        Decision late = on(new SagaEvent.ErpAccepted("SO-9"));
        assertThat(late.transitions()).as("published again, now with the ERP number").singleElement()
                .satisfies(t -> assertThat(t.from()).isEqualTo(SHIPPED).isEqualTo(t.to()));
        assertThat(late.commands()).isEmpty();
        assertThat(order.erpOrderNumber()).isEqualTo("SO-9");
        assertThat(order.state()).isEqualTo(SHIPPED);
    }

    @Test
    void aShipmentAfterTheOrderWasCancelledIsAnIncidentToRecallOrRebill() {
        throughSubmission();
        on(new SagaEvent.ErpAccepted("SO-10"));
        on(new SagaEvent.CancelRequested("customer called"));
        on(new SagaEvent.ReservationReleased());
        Decision d = on(new SagaEvent.Shipped("shipped with 1Z999"));
        assertThat(d.changed()).isFalse();
        assertThat(order.state()).isEqualTo(CANCELLED);
        assertThat(order.stuck()).isEqualTo(StuckReason.COMPENSATION_FAILING);
        assertThat(d.note()).contains("recall the shipment").contains("1Z999");
    }

    @Test
    void aCommitInventoryRefusesEndsTheRetriesAndFlagsTheStockForReconciliation() {
        throughSubmission();
        on(new SagaEvent.ErpAccepted("SO-11"));
        on(new SagaEvent.Shipped("shipped"));
        Decision d = on(new SagaEvent.CommitRefused("reservation expired"));
        assertThat(order.commitPending()).isFalse();
        assertThat(OrderSaga.ourMove(order)).isFalse();
        assertThat(order.stuck()).isEqualTo(StuckReason.SHORT_STOCK);
        assertThat(d.note()).contains("reservation expired");
    }

    @Test
    void aReturnRunsBesideTheOrderAndAsksTheErpForACreditMemoOnlyForWhatCameBack() {
        throughSubmission();
        on(new SagaEvent.ErpAccepted("SO-12"));
        on(new SagaEvent.Shipped("shipped"));
        assertThat(on(new SagaEvent.ReturnAuthorised("return RMA-1 authorised")).note()).contains("RMA-1");
        Decision received = on(new SagaEvent.ReturnReceived("RMA-1", "return RMA-1 received", true));
        assertThat(received.changed()).isFalse();
        assertThat(received.commands()).containsExactly(new ErpCommand.CreateCreditMemo("RMA-1"));
        assertThat(on(new SagaEvent.ReturnReceived("RMA-2", "nothing came back", false)).commands()).isEmpty();
        on(new SagaEvent.CreditMemoPosted("credited"));
        assertThat(order.state()).isEqualTo(SHIPPED);
    }

    @Test
    void aShipmentThatBeatsTheCancelIsCommittedNotReleasedAndStaysAnIncidentThroughDelivery() {
        throughSubmission();
        on(new SagaEvent.ErpAccepted("SO-13"));
        on(new SagaEvent.CancelRequested("customer called"));
        assertThat(order.state()).isEqualTo(COMPENSATING);
        Decision d = on(new SagaEvent.Shipped("shipped with 1Z13"));
        assertThat(states(d)).containsExactly(SHIPPED);
        assertThat(order.commitPending()).as("the goods are gone: commit, do not release").isTrue();
        assertThat(order.stuck()).isEqualTo(StuckReason.COMPENSATION_FAILING);
        on(new SagaEvent.ReservationCommitted());
        on(new SagaEvent.Delivered("delivered"));
        assertThat(order.state()).isEqualTo(DELIVERED);
        assertThat(order.stuck()).as("delivery does not resolve the incident").isEqualTo(StuckReason.COMPENSATION_FAILING);
    }

    @Test
    void stockShippedUnheldStaysListedAfterDelivery() {
        throughSubmission();
        on(new SagaEvent.ErpAccepted("SO-14"));
        on(new SagaEvent.Shipped("shipped"));
        on(new SagaEvent.CommitRefused("reservation expired"));
        on(new SagaEvent.Delivered("delivered"));
        assertThat(order.state()).isEqualTo(DELIVERED);
        assertThat(order.stuck()).isEqualTo(StuckReason.SHORT_STOCK);
    }
}
