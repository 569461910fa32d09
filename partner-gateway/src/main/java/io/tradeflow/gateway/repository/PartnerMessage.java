package io.tradeflow.gateway.repository;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One message exchanged with a partner, kept with its raw payload for audit, pull and replay. */
@Entity
@Table(name = "partner_message")
public class PartnerMessage extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;
    public String id;
    @Column(name = "partner_id")
    public String partnerId;
    public String direction;
    @Column(name = "document_type")
    public String documentType;
    @Column(name = "content_type")
    public String contentType;
    @Column(name = "correlation_id")
    public String correlationId;
    @Column(name = "replay_of")
    public String replayOf;
    @Column(name = "interchange_control")
    public String interchangeControl;
    @Column(name = "group_control")
    public String groupControl;
    @Column(name = "set_control")
    public String setControl;
    @Column(name = "order_key")
    public String orderKey;
    /** For an outbound 856: the shipment it announces (an order may ship in several parts, each with its 856). */
    @Column(name = "shipment_id")
    public String shipmentId;
    @Column(name = "raw_payload")
    public String rawPayload;
    @Column(name = "parse_result")
    public String parseResult;
    public String acknowledgment;
    public String outcome;
    public String flags;
    @Column(name = "received_at")
    public OffsetDateTime receivedAt;
    @Column(name = "completed_at")
    public OffsetDateTime completedAt;
    @Column(name = "duration_micros")
    public long durationMicros;
    /**
     * Outbound only: PENDING until the partner's 997 (or JSON acknowledgment) arrives, then what it said
     * (ACKNOWLEDGED, PARTIALLY_ACCEPTED, REJECTED); OVERDUE past the SLA.
     */
    @Column(name = "ack_status")
    public String ackStatus;
    @Column(name = "ack_due_at")
    public OffsetDateTime ackDueAt;
    @Column(name = "acked_at")
    public OffsetDateTime ackedAt;
}
