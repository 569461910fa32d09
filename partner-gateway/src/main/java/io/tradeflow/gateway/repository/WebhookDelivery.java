package io.tradeflow.gateway.repository;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The push state of one outbound document to its partner's webhook. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery extends PanacheEntityBase {
    public static final String PENDING = "PENDING";
    public static final String FAILING = "FAILING";
    public static final String DELIVERED = "DELIVERED";

    @Id
    @Column(name = "message_id")
    public String messageId;
    @Column(name = "partner_id")
    public String partnerId;
    public String status;
    public int attempts;
    @Column(name = "next_attempt_at")
    public OffsetDateTime nextAttemptAt;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "last_http_status")
    public Integer lastHttpStatus;
    @Column(name = "delivered_at")
    public OffsetDateTime deliveredAt;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}
