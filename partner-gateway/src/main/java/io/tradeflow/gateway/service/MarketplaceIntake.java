package io.tradeflow.gateway.service;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.common.Address;
import io.tradeflow.contracts.common.Channels;
import io.tradeflow.contracts.common.Money;
import io.tradeflow.contracts.events.CloudEventTypes;
import io.tradeflow.contracts.events.Topics;
import io.tradeflow.contracts.json.Json;
import io.tradeflow.contracts.orders.CanonicalOrder;
import io.tradeflow.contracts.orders.OrderLine;
import io.tradeflow.contracts.partners.PartnerRef;
import io.tradeflow.gateway.repository.GatewayStore;
import io.tradeflow.gateway.repository.Partner;
import io.tradeflow.gateway.repository.PartnerMessage;
import io.tradeflow.gateway.repository.PartnerOrder;
import io.tradeflow.gateway.service.x12.PurchaseOrder850;
import io.tradeflow.platform.outbox.OutboxWriter;
import io.tradeflow.platform.problem.Problem;
import io.tradeflow.platform.problem.ProblemException;

/**
 * A marketplace order sent as JSON. It gets a JSON acknowledgment with the meaning of a 997: ACCEPTED (the
 * order proceeds), REJECTED with each offending field and why, or DUPLICATE (an order number already
 * received, acknowledged but not ordered again; an order number refused before, sent again, is a new attempt). As the
 * order moves on the partner gets JSON documents with the meaning of the 855, 856 and 810 (OutboundDocuments).
 */
@ApplicationScoped
public class MarketplaceIntake {
    /** What JSON partners send and are sent. */
    public static final String MEDIA_TYPE = "application/json";

    @Inject
    GatewayStore store;
    @Inject
    OutboxWriter outbox;
    @Inject
    ObjectMapper mapper;
    @Inject
    GatewayMetrics metrics;

    /** The JSON acknowledgment. */
    public record Acknowledgment(String messageId, String orderNumber, String status, String orderKey,
                                 List<Problem.FieldError> errors) {
    }

    public Uni<DocumentAnswer> receive(Partner partner, String payload, String replayOf, OffsetDateTime receivedAt,
                                       long startNanos) {
        MarketplaceOrder order = read(payload);
        List<Problem.FieldError> errors = validate(order);
        PartnerMessage message = MessageLog.start(partner.id, "INBOUND", "JSON_ORDER", MEDIA_TYPE, payload,
                receivedAt);
        message.replayOf = replayOf;
        message.parseResult = Json.write(Map.of("errors", errors));
        String orderKey = order == null || order.orderNumber() == null ? null
                : PurchaseOrder850.orderKey(partner.id, order.orderNumber());
        return Panache.withTransaction(() -> {
            if (!errors.isEmpty()) {
                return finish(message, "REJECTED", order, orderKey, errors, startNanos);
            }
            CanonicalOrder canonical = canonical(partner, order);
            PartnerOrder claim = new PartnerOrder();
            claim.partnerId = partner.id;
            claim.poNumber = order.orderNumber();
            claim.orderKey = orderKey;
            claim.poDate = order.orderDate();
            claim.canonical = Json.write(canonical);
            claim.messageId = message.id;
            message.orderKey = orderKey;
            return store.claimOrder(claim)
                    .chain(claimed -> claimed ? Uni.createFrom().item(true) : store.reclaimRefused(claim))
                    .chain(ordered -> {
                        if (!ordered) {
                            return finish(message, "DUPLICATE", order, orderKey, errors, startNanos);
                        }
                        // A resend after a refusal is a new attempt under its own key (orderKey#n).
                        message.orderKey = claim.orderKey;
                        return outbox.append(Topics.ORDERS_INBOUND, claim.orderKey, CloudEventTypes.INBOUND_ORDER,
                                        canonical)
                                .chain(() -> finish(message, "ACCEPTED", order, claim.orderKey, errors, startNanos));
                    });
        }).map(ack -> {
            metrics.document(partner.id, "JSON_ORDER", "INBOUND", message.outcome);
            metrics.acknowledgmentLatency(partner.id, message.durationMicros);
            return new DocumentAnswer(message.id, MEDIA_TYPE, message.acknowledgment, message.outcome);
        });
    }

    private Uni<String> finish(PartnerMessage message, String status, MarketplaceOrder order, String orderKey,
                               List<Problem.FieldError> errors, long startNanos) {
        message.acknowledgment = Json.write(new Acknowledgment(message.id, order == null ? null : order.orderNumber(),
                status, "ACCEPTED".equals(status) ? orderKey : null, errors));
        MessageLog.finish(message, status, startNanos);
        return message.persist().replaceWith(message.acknowledgment);
    }

    private MarketplaceOrder read(String payload) {
        try {
            return mapper.readValue(payload, MarketplaceOrder.class);
        } catch (Exception e) {
            throw ProblemException.invalidField("body", "is not a marketplace order in JSON");
        }
    }

    static List<Problem.FieldError> validate(MarketplaceOrder order) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (order == null) {
            errors.add(new Problem.FieldError("body", "must be a marketplace order, not null"));
            return errors;
        }
        if (order.orderNumber() == null || order.orderNumber().isBlank() || order.orderNumber().length() > 80) {
            errors.add(new Problem.FieldError("orderNumber", "is required (at most 80 characters)"));
        }
        shipTo(order.shipTo(), errors);
        if (order.currency() != null && !isoCurrency(order.currency())) {
            errors.add(new Problem.FieldError("currency", "must be an ISO 4217 currency code, e.g. USD"));
        }
        if (order.lines() == null || order.lines().isEmpty()) {
            errors.add(new Problem.FieldError("lines", "at least one line is required"));
            return errors;
        }
        for (int i = 0; i < order.lines().size(); i++) {
            MarketplaceOrder.Line line = order.lines().get(i);
            String at = "lines[" + i + "].";
            if (line == null) {
                errors.add(new Problem.FieldError("lines[" + i + "]", "must be a line, not null"));
                continue;
            }
            if (line.sku() == null || line.sku().isBlank() || line.sku().length() > 64) {
                errors.add(new Problem.FieldError(at + "sku", "is required (at most 64 characters)"));
            }
            String uom = line.unitOfMeasure();
            if (uom != null && (uom.isBlank() || uom.length() > 20)) {
                errors.add(new Problem.FieldError(at + "unitOfMeasure",
                        "must be a unit of measure code (at most 20 characters)"));
            }
            if (line.quantity() == null || line.quantity().signum() <= 0) {
                errors.add(new Problem.FieldError(at + "quantity", "must be greater than 0"));
            }
            if (line.unitPrice() != null && line.unitPrice().signum() < 0) {
                errors.add(new Problem.FieldError(at + "unitPrice", "must not be negative"));
            }
        }
        return errors;
    }

    /** Where the goods go: a marketplace or 3PL order has no other ship-to (an X12 partner may have a default DC). */
    private static void shipTo(Address shipTo, List<Problem.FieldError> errors) {
        if (shipTo == null) {
            errors.add(new Problem.FieldError("shipTo", "is required: name, line1, city, postalCode, country"));
            return;
        }
        text(shipTo.name(), "shipTo.name", 200, true, errors);
        text(shipTo.line1(), "shipTo.line1", 200, true, errors);
        text(shipTo.line2(), "shipTo.line2", 200, false, errors);
        text(shipTo.city(), "shipTo.city", 100, true, errors);
        text(shipTo.region(), "shipTo.region", 100, false, errors);
        text(shipTo.postalCode(), "shipTo.postalCode", 20, true, errors);
        if (shipTo.country() == null || !shipTo.country().matches("[A-Z]{2}")) {
            errors.add(new Problem.FieldError("shipTo.country", "must be an ISO 3166-1 alpha-2 code, e.g. US"));
        }
    }

    private static void text(String value, String field, int max, boolean required, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new Problem.FieldError(field, "is required"));
            }
        } else if (value.length() > max) {
            errors.add(new Problem.FieldError(field, "must be at most " + max + " characters"));
        }
    }

    private static boolean isoCurrency(String code) {
        if (code.length() != 3 || !code.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
            return false;
        }
        try {
            java.util.Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static CanonicalOrder canonical(Partner partner, MarketplaceOrder order) {
        String currency = order.currency() == null ? "USD" : order.currency();
        List<OrderLine> lines = new ArrayList<>();
        for (int i = 0; i < order.lines().size(); i++) {
            MarketplaceOrder.Line line = order.lines().get(i);
            lines.add(new OrderLine(line.lineNumber() == null ? i + 1 : line.lineNumber(), line.sku(),
                    line.quantity(), line.unitOfMeasure() == null ? "EA" : line.unitOfMeasure(),
                    line.unitPrice() == null ? null : new Money(line.unitPrice(), currency), null));
        }
        return new CanonicalOrder(null, partner.customerId, Channels.MARKETPLACE, order.orderNumber(),
                order.requestedDate(), order.shipTo(), currency, lines, null,
                new PartnerRef(partner.id, null, null, null));
    }

}
