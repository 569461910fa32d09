package io.tradeflow.orders.repository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An order and its saga snapshot; JSON columns hold what is only ever read whole (lines, shipments, invoice, returns). */
@Entity
@Table(name = "customer_order")
public class CustomerOrder extends PanacheEntityBase {
    @Id
    public String id;
    @Column(name = "customer_id")
    public String customerId;
    public String channel;
    @Column(name = "customer_po_number")
    public String customerPoNumber;
    @Column(name = "requested_date")
    public LocalDate requestedDate;
    public String currency;
    @Column(name = "quote_id")
    public String quoteId;
    @Column(name = "ship_to")
    public String shipTo;
    @Column(name = "partner_ref")
    public String partnerRef;
    public String lines;
    public BigDecimal total;
    @Column(name = "idempotency_key")
    public String idempotencyKey;
    @Column(name = "request_hash")
    public String requestHash;
    /** The sender's own reference, unique: partnerId:PO for partner orders, crm-opportunity:id for won opportunities. */
    @Column(name = "partner_key")
    public String partnerKey;
    public String state;
    public long sequence;
    @Column(name = "erp_order_number")
    public String erpOrderNumber;
    @Column(name = "commit_pending")
    public boolean commitPending;
    @Column(name = "invoice_posted")
    public boolean invoicePosted;
    @Column(name = "compensation_target")
    public String compensationTarget;
    public int attempts;
    @Column(name = "deadline_kind")
    public String deadlineKind;
    @Column(name = "deadline_at")
    public OffsetDateTime deadlineAt;
    @Column(name = "stuck_reason")
    public String stuckReason;
    @Column(name = "stuck_since")
    public OffsetDateTime stuckSince;
    /** JSON array of the order's shipments, oldest first. */
    public String shipments;
    public String invoice;
    /** Return authorisations against the order, as JSON (see OrderDocuments#returns). */
    /** JSON array of the ERP's credit memos on this order that are not for a return (OrderCredit). */
    public String credits;
    public String returns;
    /**
     * When inventory lets this order's hold go unless renewed (HoldRenewals); null when nothing is held or the
     * hold ended.
     */
    @Column(name = "hold_expires_at")
    public OffsetDateTime holdExpiresAt;
    @Column(name = "correlation_id")
    public String correlationId;
    @Column(name = "accepted_at")
    public OffsetDateTime acceptedAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    /**
     * Not stored: the customer's reservation policy as a step's credit check read it under the order's lock, so the
     * reservation that follows at once need not read it again; null when not read (reserve then reads it).
     */
    @jakarta.persistence.Transient
    public transient String reservationPolicy;
}
