package io.tradeflow.platform.outbox;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A CloudEvent waiting to be relayed to Kafka; written in the transaction of the change it reports. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;
    @Column(nullable = false)
    public String id;
    @Column(nullable = false)
    public String topic;
    @Column(name = "event_key")
    public String key;
    @Column(nullable = false)
    public String type;
    @Column(nullable = false)
    public String source;
    public String subject;
    @Column(name = "correlation_id")
    public String correlationId;
    public String traceparent;
    @Column(nullable = false)
    public String payload;
    @Column(name = "occurred_at", nullable = false)
    public OffsetDateTime occurredAt;
}
