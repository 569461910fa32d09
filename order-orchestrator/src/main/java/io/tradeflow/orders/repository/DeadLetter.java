package io.tradeflow.orders.repository;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A message one of our consumers gave up on, kept with the reason until operations replay it. */
@Entity
@Table(name = "dead_letter")
public class DeadLetter extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "dlq_topic")
    public String dlqTopic;
    @Column(name = "dlq_partition")
    public int dlqPartition;
    @Column(name = "dlq_offset")
    public long dlqOffset;
    @Column(name = "original_topic")
    public String originalTopic;
    @Column(name = "record_key")
    public String recordKey;
    public String payload;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "event_type")
    public String eventType;
    @Column(name = "event_source")
    public String eventSource;
    @Column(name = "correlation_id")
    public String correlationId;
    public String reason;
    /** The failed message's W3C trace context; the replay is published in that trace. */
    public String traceparent;
    @Column(name = "received_at")
    public OffsetDateTime receivedAt;
    @Column(name = "replayed_at")
    public OffsetDateTime replayedAt;
}
