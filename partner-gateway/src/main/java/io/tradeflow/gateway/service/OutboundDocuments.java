package io.tradeflow.gateway.service;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.json.Json;
import io.tradeflow.contracts.orders.CanonicalOrder;
import io.tradeflow.contracts.orders.OrderLifecycleChanged;
import io.tradeflow.contracts.orders.OrderState;
import io.tradeflow.contracts.partners.PartnerOrderUpdate;
import io.tradeflow.contracts.partners.PartnerRef;
import io.tradeflow.gateway.repository.GatewayStore;
import io.tradeflow.gateway.repository.Partner;
import io.tradeflow.gateway.repository.PartnerMessage;
import io.tradeflow.gateway.repository.PartnerOrder;
import io.tradeflow.gateway.service.x12.PartnerAnswers;
import io.tradeflow.gateway.service.x12.X12Writer;
import io.tradeflow.platform.inbox.Inbox;

/**
 * Turns an order's transitions into the partner's documents: CONFIRMED (the ERP accepted it) → 855, REJECTED,
 * CANCELLED or FAILED → an 855 that rejects the PO, SHIPPED → 856 (one per shipment of a split order), an invoice
 * (at shipment or delivery) → 810 (see {@link #documentsDue}). An EDI partner gets X12, each interchange with its
 * next control number (never reused), tracked until the partner's 997 arrives; a marketplace or 3PL partner gets the
 * same documents as JSON ({@link MarketplaceAnswers}). Each waits in the partner's outbound queue for pull. Dedup
 * mark and document commit together, so a redelivered event makes no second document. A partner with a webhook
 * also gets the document pushed ({@link WebhookPusher}).
 */
@ApplicationScoped
public class OutboundDocuments {
    static final String CONSUMER = "order-lifecycle";
    private static final Logger LOG = Logger.getLogger(OutboundDocuments.class);

    @Inject
    Inbox inbox;
    @Inject
    GatewayStore store;
    @Inject
    ObjectMapper mapper;
    @Inject
    GatewayMetrics metrics;

    /** @return the outbound message written, or null when the transition needs no document */
    public Uni<PartnerMessage> apply(String eventId, OrderLifecycleChanged event) {
        java.util.List<String> due = documentsDue(event);
        if (event.partnerRef() == null || due.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        long start = System.nanoTime();
        return Panache.withTransaction(() -> inbox.firstDelivery(CONSUMER, eventId).chain(first -> {
            if (!first) {
                return Uni.createFrom().<PartnerMessage>nullItem();
            }
            String partnerId = event.partnerRef().partnerId();
            return Partner.<Partner>findById(partnerId).chain(partner -> {
                if (partner == null) {
                    throw new IllegalArgumentException("lifecycle event for unknown partner " + partnerId);
                }
                // Locked: AcknowledgmentWatch flags an unanswered PO in its own transaction, and must either see
                // this 855 committed or have its overdue mark seen here, never neither (a breach counted twice).
                return PartnerOrder.<PartnerOrder>find("partnerId = ?1 and poNumber = ?2", partnerId,
                        event.customerPoNumber()).withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                        .firstResult().chain(order -> {
                            if (order == null) {
                                throw new IllegalArgumentException("no partner order " + partnerId + " PO "
                                        + event.customerPoNumber() + " known to the gateway");
                            }
                            // A late event of an attempt that was refused: the PO's resend is answered on its own.
                            return ofEarlierAttempt(order, event).chain(earlier -> earlier
                                    ? Uni.createFrom().<PartnerMessage>nullItem()
                                    : unsent(order, due, event).chain(types -> writeAll(partner, order, event, types,
                                            start)));
                        });
            });
        }));
    }

    /**
     * The due documents this order has not had yet: each goes to the partner once, whichever event carries it; the
     * 856 once per shipment (an 856 without a shipment id predates split shipments and stands for the only one).
     */
    private static Uni<java.util.List<String>> unsent(PartnerOrder order, java.util.List<String> due,
                                                      OrderLifecycleChanged event) {
        return PartnerMessage.<PartnerMessage>find("partnerId = ?1 and orderKey = ?2 and direction = 'OUTBOUND'",
                order.partnerId, order.orderKey).list().map(sent -> {
                    java.util.Set<String> had = new java.util.HashSet<>();
                    java.util.Set<String> announced = new java.util.HashSet<>();
                    for (PartnerMessage m : sent) {
                        had.add(m.documentType);
                        if ("856".equals(m.documentType)) {
                            announced.add(m.shipmentId == null ? "" : m.shipmentId);
                        }
                    }
                    return due.stream().filter(t -> "856".equals(t)
                            ? !announced.contains("") && !announced.contains(shipmentIdOf(event))
                            : !had.contains(t)).toList();
                });
    }

    /**
     * Whether the event is of an attempt at the PO that was refused, not of its current one: the suite's order is one
     * the gateway refused before (JSON and X12 alike), or the event names another interchange than the one the current
     * attempt came in (X12).
     */
    private Uni<Boolean> ofEarlierAttempt(PartnerOrder order, OrderLifecycleChanged event) {
        if (order.attempt <= 1 || event.partnerRef() == null) {
            return Uni.createFrom().item(false);
        }
        String interchange = event.partnerRef().interchangeControlNumber();
        if (interchange != null) {
            PartnerRef current = read(order.canonical).partnerRef();
            if (current != null && !interchange.equals(current.interchangeControlNumber())) {
                return Uni.createFrom().item(true);
            }
        }
        return event.orderId() == null ? Uni.createFrom().item(false)
                : store.ofRefusedAttempt(order.partnerId, event.orderId());
    }

    private static String shipmentIdOf(OrderLifecycleChanged event) {
        return event.shipment() == null || event.shipment().shipmentId() == null ? ""
                : event.shipment().shipmentId();
    }

    /** Written in X12 order (855, 856, 810), each with its own control number; the last one written, or null. */
    private Uni<PartnerMessage> writeAll(Partner partner, PartnerOrder order, OrderLifecycleChanged event,
                                         java.util.List<String> types, long start) {
        Uni<PartnerMessage> chain = Uni.createFrom().nullItem();
        for (String type : types) {
            chain = chain.chain(() -> write(partner, order, event, type, start));
        }
        return chain;
    }

    private Uni<PartnerMessage> write(Partner partner, PartnerOrder order, OrderLifecycleChanged event, String type,
                                      long start) {
        Uni<Void> refusal = Uni.createFrom().voidItem();
        if ("855".equals(type) && REFUSED.contains(event.state())) {
            // Refused and told so: a resend of this PO is a new attempt (PartnerOrderClaims, MarketplaceIntake), and
            // this order's late events answer none of them.
            order.refusedAt = OffsetDateTime.now();
            if (event.orderId() != null) {
                refusal = store.refusedAttempt(order.partnerId, order.poNumber, event.orderId());
            }
        }
        Uni<Rendered> rendered = "EDI".equals(partner.type) ? x12(partner, order, event, type)
                : Uni.createFrom().item(new Rendered(Json.write(marketplace(order, event, type)),
                        MarketplaceIntake.MEDIA_TYPE, null));
        return refusal.chain(() -> rendered).chain(document -> {
            OffsetDateTime now = OffsetDateTime.now();
            PartnerMessage message = MessageLog.start(partner.id, "OUTBOUND", type, document.mediaType(),
                    document.payload(), now);
            if (document.control() != null) {
                message.interchangeControl = String.format("%09d", document.control());
                message.groupControl = String.valueOf(document.control());
                message.setControl = "0001";
            }
            // An EDI partner answers each document with a 997; a JSON partner that agreed to answer
            // (OutboundAcknowledgments) is held to the same SLA.
            if (document.control() != null || "JSON".equals(partner.acknowledgment)) {
                message.ackStatus = "PENDING";
                message.ackDueAt = now.plusMinutes(partner.slaFunctionalAckMinutes);
            }
            message.orderKey = order.orderKey;
            message.shipmentId = "856".equals(type) ? shipmentIdOf(event) : null;
            message.flags = slaCheck(partner, order, event, type, now);
            MessageLog.finish(message, "SENT", start);
            // Queued for push in the same transaction as the document, so no document is ever left unpushed.
            return message.persist().chain(() -> PartnerWebhooks.enqueue(partner, message.id)).replaceWith(message);
        }).invoke(message -> metrics.document(partner.id, type, "OUTBOUND", "SENT"));
    }

    /** A document as the partner gets it; {@code control} is its X12 interchange control number (null for JSON). */
    private record Rendered(String payload, String mediaType, Long control) {
    }

    /** The X12 document in the partner's envelope, with the partner's next control number (never reused). */
    private Uni<Rendered> x12(Partner partner, PartnerOrder order, OrderLifecycleChanged event, String type) {
        PartnerAnswers.OriginalOrder original = new PartnerAnswers.OriginalOrder(read(order.canonical),
                order.poDate);
        X12Writer.TransactionSet set = switch (type) {
            case "855" -> REFUSED.contains(event.state()) ? PartnerAnswers.poRejection855(event, original)
                    : PartnerAnswers.poAcknowledgment855(event, original);
            case "856" -> PartnerAnswers.shipNotice856(event, original);
            default -> PartnerAnswers.invoice810(event, original);
        };
        return store.nextControlNumber(partner.id).map(control -> {
            String functionalId = switch (type) {
                case "855" -> "PR";
                case "856" -> "SH";
                default -> "IN";
            };
            X12Writer.Envelope envelope = new X12Writer.Envelope(PartnerDirectory.delimiters(partner),
                    partner.receiverQualifier, partner.receiverId, partner.senderQualifier, partner.senderId,
                    partner.x12Version, control, functionalId, LocalDateTime.now());
            return new Rendered(X12Writer.interchange(envelope, java.util.List.of(set)), X12Intake.MEDIA_TYPE,
                    control);
        });
    }

    /** The same document as JSON, for a marketplace or 3PL partner that sends no X12. */
    private PartnerOrderUpdate marketplace(PartnerOrder order, OrderLifecycleChanged event, String type) {
        CanonicalOrder original = read(order.canonical);
        return switch (type) {
            case "855" -> REFUSED.contains(event.state())
                    ? MarketplaceAnswers.rejection(event, original, order.orderKey)
                    : MarketplaceAnswers.acknowledgment(event, original, order.orderKey);
            case "856" -> MarketplaceAnswers.shipNotice(event, original, order.orderKey);
            default -> MarketplaceAnswers.invoice(event, original, order.orderKey);
        };
    }


    /**
     * An 855 later than the partner's SLA after its 850, or an 856 later than its SLA after shipment or only after the
     * delivery, is a breach: counted and flagged on the document. Marks the PO answered once its 855 goes out.
     */
    private String slaCheck(Partner partner, PartnerOrder order, OrderLifecycleChanged event, String type,
                            OffsetDateTime now) {
        if ("855".equals(type)) {
            order.poAckSentAt = now;
            if (order.receivedAt != null
                    && Duration.between(order.receivedAt, now).toHours() >= partner.slaPoAckHours) {
                if (order.poAckOverdueAt == null) {
                    // Not yet counted by AcknowledgmentWatch while it waited: one breach per PO either way.
                    metrics.slaBreach(partner.id, "855");
                }
                return "855 sent after the " + partner.slaPoAckHours + " h SLA";
            }
            return null;
        }
        if ("856".equals(type) && DELIVERED.contains(event.state())) {
            // The delivery overtook our ship notice: the partner received goods it was never told about.
            metrics.slaBreach(partner.id, "856");
            return "856 sent after delivery";
        }
        if ("856".equals(type) && event.shipment() != null && event.shipment().shippedAt() != null
                && Duration.between(event.shipment().shippedAt(), now).toHours() >= partner.slaShipNoticeHours) {
            metrics.slaBreach(partner.id, "856");
            return "856 sent after the " + partner.slaShipNoticeHours + " h SLA";
        }
        return null;
    }

    /**
     * What the partner is owed once the order is where this event says: the 855 once the ERP accepted it, the 856
     * once it shipped with its shipment details, the 810 once invoiced. Judged from what the event carries, not only
     * from the transition, so an order that skipped a state (a delivery that overtook its shipment, an ERP
     * acceptance that came after it) still gets every document when the detail arrives.
     */
    static java.util.List<String> documentsDue(OrderLifecycleChanged event) {
        OrderState state = event.state();
        java.util.List<String> due = new java.util.ArrayList<>();
        if (REFUSED.contains(state)) {
            // The buyer is told it will not be filled; unsent() keeps it from following an 855 that accepted it.
            due.add("855");
            return due;
        }
        if (state == null || !FORWARD.contains(state)) {
            return due;
        }
        if (state == OrderState.CONFIRMED || event.erpOrderNumber() != null) {
            due.add("855");
        }
        if (state != OrderState.CONFIRMED && event.shipment() != null) {
            due.add("856");
        }
        // Billed at shipment or at delivery, the invoice goes out when the event carries it.
        if (event.invoice() != null) {
            due.add("810");
        }
        return due;
    }

    /**
     * Refused before the ERP took it (REJECTED), by the ERP (FAILED), or cancelled before the partner was told it was
     * accepted (CANCELLED): the PO will not be filled. A cancellation after an accepting 855 makes no second 855.
     */
    private static final java.util.Set<OrderState> REFUSED = java.util.EnumSet.of(OrderState.REJECTED,
            OrderState.FAILED, OrderState.CANCELLED);
    /** The goods reached the buyer: an 856 owed "before delivery" that goes out now is late. */
    private static final java.util.Set<OrderState> DELIVERED = java.util.EnumSet.of(OrderState.DELIVERED,
            OrderState.COMPLETED);
    private static final java.util.Set<OrderState> FORWARD = java.util.EnumSet.of(OrderState.CONFIRMED,
            OrderState.SHIPPED, OrderState.DELIVERED, OrderState.INVOICED, OrderState.COMPLETED);

    private CanonicalOrder read(String json) {
        try {
            return mapper.readValue(json, CanonicalOrder.class);
        } catch (Exception e) {
            LOG.warnf("stored partner order is unreadable: %s", e.getMessage());
            throw new IllegalStateException("stored partner order is unreadable", e);
        }
    }
}
