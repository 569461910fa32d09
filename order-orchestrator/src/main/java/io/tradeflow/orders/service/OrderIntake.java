package io.tradeflow.orders.service;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.opentelemetry.api.trace.Span;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.customers.OpportunityWon;
import io.tradeflow.contracts.orders.CanonicalOrder;
import io.tradeflow.contracts.orders.OrderState;
import io.tradeflow.contracts.orders.OrderLine;
import io.tradeflow.orders.repository.CustomerOrder;
import io.tradeflow.orders.repository.OrderRows;
import io.tradeflow.orders.service.saga.Decision;
import io.tradeflow.platform.correlation.CorrelationIds;
import io.tradeflow.platform.inbox.Inbox;
import io.tradeflow.platform.outbox.OutboxRelay;
import io.tradeflow.platform.outbox.OutboxWriter;
import io.tradeflow.platform.problem.ProblemException;
import io.tradeflow.platform.transaction.GroupCommit;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * One way in for every order: REST (deduplicated on the Idempotency-Key and its body; requests arriving together
 * share one transaction) and partner orders from Kafka (deduplicated on the CloudEvent id and the partner's PO
 * reference). The order and its first transition commit together; the saga then runs on its own.
 */
@ApplicationScoped
public class OrderIntake {
    static final String INBOUND_CONSUMER = "orders-inbound";
    static final String OPPORTUNITY_CONSUMER = "crm-opportunities";

    @Inject
    SagaRunner runner;
    @Inject
    OrderJournal journal;
    @Inject
    OrderDocuments documents;
    @Inject
    Inbox inbox;
    @Inject
    OrderRows rows;
    @Inject
    SagaMetrics metrics;
    @Inject
    OutboxWriter outbox;
    @Inject
    OutboxRelay relay;
    @Inject
    Pool pool;

    private GroupCommit<Placement, Placed> placements;

    @PostConstruct
    void groupPlacements() {
        placements = new GroupCommit<>("order placements", pool, 256, this::placeAll, relay::wakeUp);
    }

    /** The order the key names: new, or the one placed before with the same key and body. */
    public record Placed(String orderId, String state, boolean created, CustomerOrder order) {
        Placed(String orderId, String state, boolean created) {
            this(orderId, state, created, null);
        }
    }

    public Uni<Placed> place(CanonicalOrder request, String idempotencyKey) {
        String hash = hash(documents.write(request));
        String correlationId = CorrelationIds.current();
        String traceparent = SagaPosting.currentTraceparent();
        // Two requests racing with one key: the loser's insert hits the unique key; it then reads the winner's order.
        return Uni.createFrom().deferred(() -> {
                    CustomerOrder order = newOrder(request);
                    order.idempotencyKey = idempotencyKey;
                    order.requestHash = hash;
                    return placements.submit(new Placement(order, "received from " + request.channel(), correlationId,
                            traceparent));
                })
                .onFailure(OrderIntake::duplicateKey).retry().atMost(1)
                .invoke(placed -> {
                    if (placed.created()) {
                        runner.afterCommit(placed.orderId(), placed.order(), firstStep());
                    }
                });
    }

    private static boolean duplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("customer_order_idempotency_key_key")) {
                return true;
            }
        }
        return false;
    }

    /** A REST order waiting for its group's transaction. */
    private record Placement(CustomerOrder order, String cause, String correlationId, String traceparent) {
    }

    /**
     * One transaction for every order placed meanwhile: one read of the keys already used, then the new orders,
     * their first transition and ACCEPTED events written set-based. A key repeated within the group is answered
     * like a key used before (same body: the same order; another body: 409).
     */
    private Uni<List<GroupCommit.Result<Placed>>> placeAll(SqlConnection conn, List<Placement> group) {
        List<String> keys = new ArrayList<>();
        group.forEach(p -> keys.add(p.order().idempotencyKey));
        return rows.byIdempotencyKeys(conn, keys).chain(existing -> {
            Instant now = Instant.now();
            OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
            SagaWrites writes = new SagaWrites(rows, documents, metrics, outbox);
            Map<String, CustomerOrder> placedNow = new HashMap<>();
            List<GroupCommit.Result<Placed>> results = new ArrayList<>(group.size());
            for (Placement p : group) {
                CustomerOrder order = p.order();
                OrderRows.Keyed known = existing.get(order.idempotencyKey);
                CustomerOrder earlier = placedNow.get(order.idempotencyKey);
                if (known != null || earlier != null) {
                    String id = known != null ? known.id() : earlier.id;
                    String hash = known != null ? known.requestHash() : earlier.requestHash;
                    results.add(hash.equals(order.requestHash)
                            ? GroupCommit.Result.of(new Placed(id, known != null ? known.state() : earlier.state, false))
                            : GroupCommit.Result.failed(ProblemException.conflict("idempotency-key-reused",
                                    "Idempotency-Key was already used for a different order request (order " + id + ")")));
                    continue;
                }
                Decision decision = runner.saga().receive(order.requestedDate, p.cause(), now);
                order.acceptedAt = at;
                writes.insert(order, decision, at, p.correlationId(), p.traceparent());
                placedNow.put(order.idempotencyKey, order);
                results.add(GroupCommit.Result.of(new Placed(order.id, order.state, true, order)));
            }
            return writes.write(conn, Uni.createFrom().voidItem()).replaceWith(results);
        });
    }

    /** A partner order from {@code orders.inbound}; a repeated event or PO reference has no second effect. */
    public Uni<Placed> inbound(String eventId, CanonicalOrder request) {
        String partnerKey = request.partnerRef() == null ? null
                : request.partnerRef().partnerId() + ":" + request.customerPoNumber();
        return takeIn(INBOUND_CONSUMER, eventId, request, partnerKey, "received from partner "
                + (request.partnerRef() == null ? request.channel() : request.partnerRef().partnerId()) + " PO "
                + request.customerPoNumber());
    }

    /**
     * A won CRM opportunity from {@code crm.opportunities}: an order on the crm channel whose quoted prices are
     * what the buyer expects, so pricing re-prices it against the ERP rules and flags every line that moved. A
     * repeated event, or the same opportunity sent again, has no second effect.
     */
    public Uni<Placed> fromOpportunity(String eventId, OpportunityWon won) {
        return takeIn(OPPORTUNITY_CONSUMER, eventId, OpportunityOrders.canonical(won),
                OpportunityOrders.externalKey(won), "won opportunity " + won.opportunityId()
                        + (won.owner() == null ? "" : " (owner " + won.owner() + ")"));
    }

    /** @param externalKey the sender's own reference (partner PO, CRM opportunity), unique across orders */
    private Uni<Placed> takeIn(String consumer, String eventId, CanonicalOrder request, String externalKey,
                               String cause) {
        return Panache.withTransaction(() -> inbox.firstDelivery(consumer, eventId).chain(first -> {
            if (!first) {
                return Uni.createFrom().<Placed>nullItem();
            }
            Uni<CustomerOrder> known = externalKey == null ? Uni.createFrom().nullItem()
                    : CustomerOrder.<CustomerOrder>find("partnerKey", externalKey).firstResult();
            return known.chain(existing -> {
                if (existing != null && !(INBOUND_CONSUMER.equals(consumer) && refused(existing))) {
                    return Uni.createFrom().item(new Placed(existing.id, existing.state, false));
                }
                CustomerOrder order = newOrder(request);
                order.partnerKey = externalKey;
                return existing == null ? start(order, cause) : retire(existing).chain(() -> start(order,
                        cause + " again, after order " + existing.id + " was " + existing.state.toLowerCase()));
            });
        })).invoke(placed -> {
            if (placed != null && placed.created()) {
                runner.afterCommit(placed.orderId(), firstStep());
            }
        });
    }

    /**
     * A partner resends a PO we refused once its cause is fixed (the gateway sent it a rejecting 855 and takes the
     * resend as a new attempt): a new order. CRM opportunities are not resent that way; a repeat stays the same order.
     */
    private static boolean refused(CustomerOrder order) {
        return OrderState.REJECTED.name().equals(order.state) || OrderState.FAILED.name().equals(order.state);
    }

    /** Frees the PO reference (unique per order) for the new attempt; the refused order keeps it with its own id. */
    private static Uni<Void> retire(CustomerOrder refused) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "update customer_order set partner_key = ?1 where id = ?2")
                .setParameter(1, retiredKey(refused.partnerKey, refused.id)).setParameter(2, refused.id).executeUpdate())
                .replaceWithVoid();
    }

    /** partner_key is varchar(200): the PO part gives way, the order id (which makes it unique) never does. */
    static String retiredKey(String key, String orderId) {
        int room = 200 - 1 - orderId.length();
        return (key.length() > room ? key.substring(0, room) : key) + "#" + orderId;
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
