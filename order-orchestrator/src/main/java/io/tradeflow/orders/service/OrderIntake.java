package io.tradeflow.orders.service;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.opentelemetry.api.trace.Span;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.orders.CanonicalOrder;
import io.tradeflow.contracts.orders.OrderLine;
import io.tradeflow.orders.repository.CustomerOrder;
import io.tradeflow.platform.correlation.CorrelationIds;
import io.tradeflow.platform.inbox.Inbox;
import io.tradeflow.platform.problem.ProblemException;

/**
 * One way in for every order: REST (deduplicated on the Idempotency-Key and its body) and partner orders
 * from Kafka (deduplicated on the CloudEvent id and the partner's PO reference). The order and its first
 * transition commit together; the saga then runs on its own.
 */
@ApplicationScoped
public class OrderIntake {
    static final String INBOUND_CONSUMER = "orders-inbound";

    @Inject
    SagaRunner runner;
    @Inject
    OrderJournal journal;
    @Inject
    OrderDocuments documents;
    @Inject
    Inbox inbox;

    /** The order the key names: new, or the one placed before with the same key and body. */
    public record Placed(String orderId, String state, boolean created) {
    }

    public Uni<Placed> place(CanonicalOrder request, String idempotencyKey) {
        // Two requests racing with one key: the loser's insert hits the unique key; it then reads the winner's order.
        return placeOnce(request, idempotencyKey)
                .onFailure(OrderIntake::duplicateKey).retry().atMost(1);
    }

    private static boolean duplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("customer_order_idempotency_key_key")) {
                return true;
            }
        }
        return false;
    }

    private Uni<Placed> placeOnce(CanonicalOrder request, String idempotencyKey) {
        String hash = hash(documents.write(request));
        return Panache.withTransaction(() -> CustomerOrder.<CustomerOrder>find("idempotencyKey", idempotencyKey)
                        .firstResult()
                        .chain(existing -> {
                            if (existing != null) {
                                return Uni.createFrom().item(sameRequest(existing, hash));
                            }
                            CustomerOrder order = newOrder(request);
                            order.idempotencyKey = idempotencyKey;
                            order.requestHash = hash;
                            return start(order, "received from " + request.channel());
                        }))
                .invoke(placed -> {
                    if (placed.created()) {
                        runner.afterCommit(placed.orderId(), firstStep());
                    }
                });
    }

    /** A partner order from {@code orders.inbound}; a repeated event or PO reference has no second effect. */
    public Uni<Placed> inbound(String eventId, CanonicalOrder request) {
        String partnerKey = request.partnerRef() == null ? null
                : request.partnerRef().partnerId() + ":" + request.customerPoNumber();
        return Panache.withTransaction(() -> inbox.firstDelivery(INBOUND_CONSUMER, eventId).chain(first -> {
            if (!first) {
                return Uni.createFrom().<Placed>nullItem();
            }
            Uni<CustomerOrder> known = partnerKey == null ? Uni.createFrom().nullItem()
                    : CustomerOrder.<CustomerOrder>find("partnerKey", partnerKey).firstResult();
            return known.chain(existing -> {
                if (existing != null) {
                    return Uni.createFrom().item(new Placed(existing.id, existing.state, false));
                }
                CustomerOrder order = newOrder(request);
                order.partnerKey = partnerKey;
                return start(order, "received from partner " + (request.partnerRef() == null ? request.channel()
                        : request.partnerRef().partnerId()) + " PO " + request.customerPoNumber());
            });
        })).invoke(placed -> {
            if (placed != null && placed.created()) {
                runner.afterCommit(placed.orderId(), firstStep());
            }
        });
    }

    private Uni<Placed> start(CustomerOrder order, String cause) {
        Instant now = Instant.now();
        var decision = runner.saga().receive(order.requestedDate, cause, now);
        order.acceptedAt = now.atOffset(ZoneOffset.UTC);
        order.state = decision.next().state().name();
        return order.persist().chain(() -> journal.record(order, decision, now))
                .replaceWith(() -> new Placed(order.id, order.state, true));
    }

    private CustomerOrder newOrder(CanonicalOrder request) {
        CustomerOrder order = new CustomerOrder();
        order.id = request.orderId() != null ? request.orderId() : UUID.randomUUID().toString();
        order.customerId = request.customerId();
        order.channel = request.channel();
        order.customerPoNumber = request.customerPoNumber();
        order.requestedDate = request.requestedDate();
        order.currency = request.currency() == null ? "USD" : request.currency();
        order.quoteId = request.quoteId();
        order.shipTo = request.shipTo() == null ? null : documents.write(request.shipTo());
        order.partnerRef = request.partnerRef() == null ? null : documents.write(request.partnerRef());
        List<OrderLineStatus> lines = new ArrayList<>();
        int number = 1;
        for (OrderLine line : request.lines()) {
            BigDecimal expected = line.unitPrice() == null ? null : line.unitPrice().amount();
            lines.add(OrderLineStatus.requested(line.lineNumber() > 0 ? line.lineNumber() : number, line.sku(),
                    line.quantity(), line.unitOfMeasure(), expected));
            number++;
        }
        documents.lines(order, lines);
        order.correlationId = CorrelationIds.current();
        order.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        Span.current().setAttribute("tradeflow.order_id", order.id);
        Span.current().setAttribute("tradeflow.customer_id", order.customerId);
        Span.current().setAttribute("tradeflow.channel", order.channel);
        return order;
    }

    private static Placed sameRequest(CustomerOrder existing, String hash) {
        if (!hash.equals(existing.requestHash)) {
            throw ProblemException.conflict("idempotency-key-reused",
                    "Idempotency-Key was already used for a different order request (order " + existing.id + ")");
        }
        return new Placed(existing.id, existing.state, false);
    }

    private static io.tradeflow.orders.service.saga.Decision firstStep() {
        return new io.tradeflow.orders.service.saga.Decision(
                io.tradeflow.orders.service.saga.SagaSnapshot.received(null),
                List.of(new io.tradeflow.orders.service.saga.Transition(null,
                        io.tradeflow.contracts.orders.OrderState.ACCEPTED, "received")), List.of(), null, null);
    }

    static String hash(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
