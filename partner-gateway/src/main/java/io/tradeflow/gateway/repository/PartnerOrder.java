package io.tradeflow.gateway.repository;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A partner PO that became a canonical order, kept so the 855/856/810 can refer back to it. */
@Entity
@Table(name = "partner_order")
// Only what changed is written: marking the 855 sent then leaves the canonical order's text alone.
@org.hibernate.annotations.DynamicUpdate
@IdClass(PartnerOrder.Key.class)
public class PartnerOrder extends PanacheEntityBase {
    @Id
    @Column(name = "partner_id")
    public String partnerId;
    @Id
    @Column(name = "po_number")
    public String poNumber;
    @Column(name = "order_key")
    public String orderKey;
    @Column(name = "po_date")
    public LocalDate poDate;
    /** The CanonicalOrder as published, JSON. */
    public String canonical;
    @Column(name = "message_id")
    public String messageId;
    @Column(name = "received_at")
    public OffsetDateTime receivedAt;
    /** When the partner was sent the 855 that rejects this attempt; a resend of the PO is then a new attempt. */
    @Column(name = "refused_at")
    public OffsetDateTime refusedAt;
    /** When the PO's 855 went out (accepting or rejecting it); null while the partner still waits for one. */
    @Column(name = "po_ack_sent_at")
    public OffsetDateTime poAckSentAt;
    /** When the PO was found past its 855 SLA with none sent (the breach then counted, once). */
    @Column(name = "po_ack_overdue_at")
    public OffsetDateTime poAckOverdueAt;
    /** 1 for the PO's first order; each resend after a refusal adds one (and a #n to the order key). */
    public int attempt = 1;

    public static class Key implements Serializable {
        public String partnerId;
        public String poNumber;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(partnerId, k.partnerId)
                    && java.util.Objects.equals(poNumber, k.poNumber);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(partnerId, poNumber);
        }
    }
}
