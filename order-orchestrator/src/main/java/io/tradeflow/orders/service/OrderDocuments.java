package io.tradeflow.orders.service;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tradeflow.contracts.common.Address;
import io.tradeflow.contracts.common.Money;
import io.tradeflow.contracts.orders.CreateCreditMemoCommand;
import io.tradeflow.contracts.orders.CreateSalesOrderCommand;
import io.tradeflow.contracts.orders.InvoicePosted;
import io.tradeflow.contracts.orders.LifecycleLine;
import io.tradeflow.contracts.orders.OrderLifecycleChanged;
import io.tradeflow.contracts.orders.OrderState;
import io.tradeflow.contracts.orders.Shipment;
import io.tradeflow.contracts.partners.PartnerRef;
import io.tradeflow.contracts.pricing.PriceRule;
import io.tradeflow.orders.repository.CustomerOrder;
import io.tradeflow.orders.service.saga.Transition;

/** Turns the stored order into the documents others read: lifecycle events and ERP commands. */
@ApplicationScoped
public class OrderDocuments {
    private static final TypeReference<List<OrderLineStatus>> LINES = new TypeReference<>() {
    };
    private static final TypeReference<List<ReturnAuthorisation>> RETURNS = new TypeReference<>() {
    };
    private static final TypeReference<List<Shipment>> SHIPMENTS = new TypeReference<>() {
    };
    private static final TypeReference<List<OrderCredit>> CREDITS = new TypeReference<>() {
    };

    @Inject
    ObjectMapper mapper;

    // Why: every transition's lifecycle event, the ERP command and the steps read the same stored JSON again (about
    // twenty parses per order, in every transaction that touches it), which was most of Jackson's share of the saga's
    // CPU. The parsed values are immutable (records, unmodifiable lists), so one parse per distinct text can be shared.
    private final ParsedDocuments<List<OrderLineStatus>> parsedLines = new ParsedDocuments<>();
    private final ParsedDocuments<Address> parsedAddresses = new ParsedDocuments<>();
    private final ParsedDocuments<PartnerRef> parsedPartnerRefs = new ParsedDocuments<>();
    private final ParsedDocuments<List<Shipment>> parsedShipments = new ParsedDocuments<>();
    private final ParsedDocuments<InvoicePosted> parsedInvoices = new ParsedDocuments<>();
    private final ParsedDocuments<List<ReturnAuthorisation>> parsedReturns = new ParsedDocuments<>();

    /** The order's lines, unmodifiable: build a new list and store it with {@link #lines(CustomerOrder, List)}. */
    public List<OrderLineStatus> lines(CustomerOrder order) {
        return parsedLines.get(order.lines, json -> List.copyOf(read(json, LINES)));
    }

    public void lines(CustomerOrder order, List<OrderLineStatus> lines) {
        order.lines = write(lines);
    }

    public Address shipTo(CustomerOrder order) {
        return order.shipTo == null ? null : parsedAddresses.get(order.shipTo, json -> read(json, Address.class));
    }

    public PartnerRef partnerRef(CustomerOrder order) {
        return order.partnerRef == null ? null
                : parsedPartnerRefs.get(order.partnerRef, json -> read(json, PartnerRef.class));
    }

    /** The order's shipments, oldest first; empty before the first. */
    public List<Shipment> shipments(CustomerOrder order) {
        return order.shipments == null ? List.of()
                : parsedShipments.get(order.shipments, json -> List.copyOf(read(json, SHIPMENTS)));
    }

    /** The latest shipment, or null: what a lifecycle event reports (each shipment is restated when it arrives). */
    public Shipment shipment(CustomerOrder order) {
        List<Shipment> all = shipments(order);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /**
     * Records a shipment; true when the order had not had it. The warehouse resending a shipment it corrected
     * replaces it in place, so it is never counted twice.
     */
    public boolean addShipment(CustomerOrder order, Shipment shipment) {
        List<Shipment> all = new ArrayList<>(shipments(order));
        boolean added = true;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).shipmentId() != null && all.get(i).shipmentId().equals(shipment.shipmentId())) {
                all.set(i, shipment);
                added = false;
            }
        }
        if (added) {
            all.add(shipment);
        }
        order.shipments = write(all);
        return added;
    }

    public InvoicePosted invoice(CustomerOrder order) {
        return order.invoice == null ? null : parsedInvoices.get(order.invoice, json -> read(json, InvoicePosted.class));
    }

    /** The order's returns, oldest first; empty when it has none. */
    public List<ReturnAuthorisation> returns(CustomerOrder order) {
        return order.returns == null ? List.of() : parsedReturns.get(order.returns, json -> List.copyOf(read(json, RETURNS)));
    }

    public void returns(CustomerOrder order, List<ReturnAuthorisation> returns) {
        order.returns = write(returns);
    }

    /** The ERP's credit memos on the order that are not for a return, oldest first. */
    public List<OrderCredit> credits(CustomerOrder order) {
        return order.credits == null ? List.of() : List.copyOf(read(order.credits, CREDITS));
    }

    public void credits(CustomerOrder order, List<OrderCredit> credits) {
        order.credits = write(credits);
    }

    public java.util.Optional<ReturnAuthorisation> returnOf(CustomerOrder order, String returnId) {
        return returns(order).stream().filter(r -> r.returnId().equals(returnId)).findFirst();
    }

    /** What the return's last check-in brought back, at the price the order was sold at, against the ERP order and invoice. */
    public CreateCreditMemoCommand creditMemo(CustomerOrder order, String returnId) {
        ReturnAuthorisation rma = returnOf(order, returnId)
                .orElseThrow(() -> new IllegalStateException("order " + order.id + " has no return " + returnId));
        List<CreateCreditMemoCommand.Line> lines = new ArrayList<>();
        for (ReturnAuthorisation.Credit c : rma.lastReceipt() == null ? List.<ReturnAuthorisation.Credit>of()
                : rma.lastReceipt()) {
            ReturnAuthorisation.Line l = rma.lines().stream().filter(x -> x.lineNumber() == c.lineNumber())
                    .findFirst().orElseThrow();
            lines.add(new CreateCreditMemoCommand.Line(l.lineNumber(), l.sku(), c.quantity(), l.unitOfMeasure(),
                    l.unitPrice() == null ? null : new Money(l.unitPrice(), order.currency)));
        }
        InvoicePosted invoice = invoice(order);
        return new CreateCreditMemoCommand(order.id, returnId, order.customerId, order.erpOrderNumber,
                invoice == null ? null : invoice.invoiceNumber(), order.currency, lines, rma.reason());
    }

    public OrderLifecycleChanged lifecycle(CustomerOrder order, Transition t, OffsetDateTime at) {
        List<LifecycleLine> lines = new ArrayList<>();
        for (OrderLineStatus l : lines(order)) {
            lines.add(new LifecycleLine(l.lineNumber(), l.sku(), l.quantity(), l.unitOfMeasure(),
                    l.unitPrice() == null ? null : new Money(l.unitPrice(), order.currency), rule(l.priceRule()),
                    l.reserved(), l.backordered()));
        }
        return new OrderLifecycleChanged(order.id, order.sequence, order.customerId, order.channel,
                order.customerPoNumber, t.to(), t.from(), t.cause(), at, order.currency, lines, order.erpOrderNumber,
                shipment(order), invoice(order), partnerRef(order));
    }

    /** Lines carry only what is reserved: backordered quantities are not sold yet. */
    public CreateSalesOrderCommand createSalesOrder(CustomerOrder order) {
        List<CreateSalesOrderCommand.Line> lines = new ArrayList<>();
        for (OrderLineStatus l : lines(order)) {
            java.math.BigDecimal quantity = l.reserved() == null ? l.quantity() : l.reserved();
            if (quantity.signum() > 0) {
                lines.add(new CreateSalesOrderCommand.Line(l.lineNumber(), l.sku(), quantity, l.unitOfMeasure(),
                        l.unitPrice() == null ? null : new Money(l.unitPrice(), order.currency)));
            }
        }
        return new CreateSalesOrderCommand(order.id, order.customerId, order.channel, order.customerPoNumber,
                order.requestedDate, shipTo(order), order.currency, lines, order.quoteId);
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is unreadable", e);
        }
    }

    private <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored order lines, shipments, returns or credits are unreadable", e);
        }
    }

    private static PriceRule rule(String rule) {
        if (rule == null) {
            return null;
        }
        try {
            return PriceRule.valueOf(rule.toUpperCase().replace('-', '_'));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static boolean isOpen(OrderState state) {
        return !state.terminal();
    }
}
