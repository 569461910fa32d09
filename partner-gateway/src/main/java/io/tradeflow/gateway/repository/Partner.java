package io.tradeflow.gateway.repository;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A trading partner's profile and credentials (only the salted hash of its API key). */
@Entity
@Table(name = "partner")
public class Partner extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    public String type;
    @Column(name = "customer_id")
    public String customerId;
    @Column(name = "sender_qualifier")
    public String senderQualifier;
    @Column(name = "sender_id")
    public String senderId;
    @Column(name = "receiver_qualifier")
    public String receiverQualifier;
    @Column(name = "receiver_id")
    public String receiverId;
    @Column(name = "x12_version")
    public String x12Version;
    /** Outbound element, component and segment separators, in that order. */
    public String delimiters;
    public String acknowledgment;
    /** Comma-separated transaction set codes the partner may send. */
    @Column(name = "document_types")
    public String documentTypes;
    @Column(name = "rate_limit_per_minute")
    public int rateLimitPerMinute;
    @Column(name = "sla_functional_ack_minutes")
    public int slaFunctionalAckMinutes;
    @Column(name = "sla_po_ack_hours")
    public int slaPoAckHours;
    @Column(name = "sla_ship_notice_hours")
    public int slaShipNoticeHours;
    @Column(name = "webhook_url")
    public String webhookUrl;
    /** Signs each push (HMAC-SHA256); kept as is because signing needs it, never shown by the API. */
    @Column(name = "webhook_secret")
    public String webhookSecret;
    @Column(name = "api_key_salt")
    public String apiKeySalt;
    @Column(name = "api_key_hash")
    public String apiKeyHash;
    // The control counters are only ever moved by atomic UPDATEs (InterchangeBatches, InterchangeLedger,
    // GatewayStore). Read-only here: saving a profile or a key loaded before a concurrent bump would otherwise
    // write the old value back, and the next 997/855 would reuse an ISA13 already sent.
    @Column(name = "last_inbound_control", insertable = false, updatable = false)
    public Long lastInboundControl;
    @Column(name = "previous_inbound_control", insertable = false, updatable = false)
    public Long previousInboundControl;
    @Column(name = "outbound_control", insertable = false, updatable = false)
    public long outboundControl;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
