package io.tradeflow.orders.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.orders.OrderState;
import io.tradeflow.orders.repository.CustomerCredit;
import io.tradeflow.orders.repository.CustomerOrder;
import io.tradeflow.orders.repository.OrderTransition;
import io.tradeflow.orders.service.saga.SagaEvent;
import io.tradeflow.platform.problem.ProblemException;

/** Reads for the status page, order lists, the CRM customer summary, and the cancel command. */
@ApplicationScoped
public class OrderQueries {
    static final List<String> CLOSED = List.of("COMPLETED", "REJECTED", "CANCELLED", "FAILED", "FAILED_TO_COMPENSATE");

    @Inject
    OrderDocuments documents;
    @Inject
    SagaRunner runner;

    /** What the customer summary shows of credit and open orders, answered from local state. */
    public record CustomerSummary(String customerId, String name, String creditStatus, BigDecimal creditLimit,
                                  BigDecimal openBalance, String currency, String reservationPolicy,
                                  BigDecimal openOrderValue, List<OrderView.Summary> openOrders,
                                  List<ReturnLine> returns, List<CreditLine> credits) {
    }

    /** A credit memo the ERP posted for the customer without a return, newest first. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record CreditLine(String orderId, String creditMemoNumber, io.tradeflow.contracts.common.Money total,
                             String reason, OffsetDateTime postedAt) {
    }

    /** A return of the customer's, newest first: open until the ERP's credit memo is posted. */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record ReturnLine(String orderId, String returnId, String state, String creditMemoNumber,
                             io.tradeflow.contracts.common.Money creditTotal, OffsetDateTime authorisedAt,
                             OffsetDateTime creditedAt) {
    }

    public Uni<OrderView> order(String id) {
        return Panache.withSession(() -> CustomerOrder.<CustomerOrder>findById(id).chain(order -> {
            if (order == null) {
                throw ProblemException.notFound("Order", id);
            }
            return OrderTransition.<OrderTransition>find("orderId", Sort.by("id"), id).list()
                    .map(rows -> view(order, rows));
        }));
    }

    public Uni<OrderView.Page> list(String customerId, String status, boolean stuck, int page, int size) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (customerId != null && !customerId.isBlank()) {
            query.append(" and customerId = :customer");
            params.and("customer", customerId);
        }
        if (status != null && !status.isBlank()) {
            try {
                params.and("state", OrderState.valueOf(status.toUpperCase()).name());
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("status", "is not an order state");
            }
            query.append(" and state = :state");
        }
        if (stuck) {
            query.append(" and stuckReason is not null");
        }
        return Panache.withSession(() -> {
            var find = CustomerOrder.<CustomerOrder>find(query.toString(), Sort.descending("acceptedAt"), params);
            return find.page(page, size).list().chain(rows -> find.count()
                    .map(total -> new OrderView.Page(rows.stream().map(OrderQueries::summary).toList(), page, size,
                            total)));
        });
    }

    public Uni<CustomerSummary> customer(String customerId) {
        return Panache.withSession(() -> CustomerCredit.<CustomerCredit>findById(customerId).chain(credit ->
                CustomerOrder.<CustomerOrder>find("customerId = ?1 and state not in ?2", Sort.descending("acceptedAt"),
                        customerId, CLOSED).list().chain(open -> CustomerOrder.<CustomerOrder>find(
                                "customerId = ?1 and (returns is not null or credits is not null)", customerId).list()
                        .map(returned -> {
                            if (credit == null && open.isEmpty() && returned.isEmpty()) {
                                throw ProblemException.notFound("Customer", customerId);
                            }
                            BigDecimal value = open.stream().map(o -> o.total == null ? BigDecimal.ZERO : o.total)
                                    .reduce(BigDecimal.ZERO, BigDecimal::add);
                            return new CustomerSummary(customerId, credit == null ? null : credit.name,
                                    credit == null ? null : credit.creditStatus,
                                    credit == null ? null : credit.creditLimit,
                                    credit == null ? null : credit.openBalance, credit == null ? null : credit.currency,
                                    credit == null ? null : credit.reservationPolicy, value,
                                    open.stream().map(OrderQueries::summary).toList(), returns(returned),
                                    credits(returned));
                        }))));
    }

    private List<CreditLine> credits(List<CustomerOrder> orders) {
        List<CreditLine> lines = new java.util.ArrayList<>();
        for (CustomerOrder o : orders) {
            for (OrderCredit c : documents.credits(o)) {
                lines.add(new CreditLine(o.id, c.creditMemoNumber(), c.total(), c.reason(), c.postedAt()));
            }
        }
        lines.sort(java.util.Comparator.comparing(CreditLine::postedAt).reversed());
        return lines;
    }

    private List<ReturnLine> returns(List<CustomerOrder> orders) {
        List<ReturnLine> lines = new java.util.ArrayList<>();
        for (CustomerOrder o : orders) {
            for (ReturnAuthorisation r : documents.returns(o)) {
                lines.add(new ReturnLine(o.id, r.returnId(), r.state(), r.creditMemoNumber(), r.creditTotal(),
                        r.authorisedAt(), r.creditedAt()));
            }
        }
        lines.sort(java.util.Comparator.comparing(ReturnLine::authorisedAt).reversed());
        return lines;
    }

    /** Cancels through the saga (compensating what was done); refused once shipped or already closed. */
    public Uni<OrderView> cancel(String id, String reason) {
        return runner.fire(id, new SagaEvent.CancelRequested(reason == null || reason.isBlank()
                        ? "cancel requested" : "cancel requested: " + reason))
                .chain(decision -> {
                    if (decision == null) {
                        throw ProblemException.notFound("Order", id);
                    }
                    if (decision.refused()) {
                        throw ProblemException.conflict("order-not-cancellable", "Order " + id + " cannot be cancelled: "
                                + decision.refusal());
                    }
                    return order(id);
                });
    }

    private OrderView view(CustomerOrder o, List<OrderTransition> rows) {
        List<OrderView.TimelineEntry> timeline = new ArrayList<>();
        for (OrderTransition t : rows) {
            timeline.add(new OrderView.TimelineEntry(t.toState, t.fromState, t.occurredAt, t.cause));
        }
        return new OrderView(o.id, o.state, o.customerId, o.channel, o.customerPoNumber, o.requestedDate,
                documents.shipTo(o), o.currency, o.total, o.quoteId, documents.lines(o), o.erpOrderNumber,
                documents.shipment(o), o.holdExpiresAt, o.shipments == null ? null : documents.shipments(o), documents.invoice(o),
                o.returns == null ? null : documents.returns(o), o.credits == null ? null : documents.credits(o),
                o.stuckReason, o.stuckSince, o.deadlineKind, o.deadlineAt,
                documents.partnerRef(o), o.acceptedAt, timeline);
    }

    static OrderView.Summary summary(CustomerOrder o) {
        return new OrderView.Summary(o.id, o.customerId, o.channel, o.customerPoNumber, o.state, o.total, o.currency,
                o.stuckReason, o.acceptedAt, o.updatedAt);
    }
}
