package io.tradeflow.orders.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.tradeflow.contracts.common.Address;
import io.tradeflow.contracts.orders.InvoicePosted;
import io.tradeflow.contracts.orders.Shipment;
import io.tradeflow.contracts.partners.PartnerRef;

/**
 * An order as its status page shows it: state, lines with price and reservation outcome, ERP number,
 * shipments (all of them, and the latest as {@code shipment}), invoice, returns, the ERP's other credits, what it
 * waits for and until when, until when its stock is held ({@code holdExpiresAt}, renewed while it waits), and its
 * timeline.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderView(String orderId, String state, String customerId, String channel, String customerPoNumber,
                        LocalDate requestedDate, Address shipTo, String currency, BigDecimal total, String quoteId,
                        List<OrderLineStatus> lines, String erpOrderNumber, Shipment shipment,
                        OffsetDateTime holdExpiresAt, List<Shipment> shipments, InvoicePosted invoice,
                        List<ReturnAuthorisation> returns, List<OrderCredit> credits, String stuckReason, OffsetDateTime stuckSince, String waitingFor, OffsetDateTime deadline,
                        PartnerRef partnerRef, OffsetDateTime acceptedAt, List<TimelineEntry> timeline) {

    /** @param previousState null for the first entry; equal to state for a note that changed nothing */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TimelineEntry(String state, String previousState, OffsetDateTime at, String cause) {
    }

    /** One row of an order list. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Summary(String orderId, String customerId, String channel, String customerPoNumber, String state,
                          BigDecimal total, String currency, String stuckReason, OffsetDateTime acceptedAt,
                          OffsetDateTime updatedAt) {
    }

    public record Page(List<Summary> items, int page, int size, long total) {
    }
}
