package io.tradeflow.platform.outbox;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.platform.correlation.CorrelationIds;

/**
 * Appends an event to the outbox of the current transaction. Must be called inside
 * {@code Panache.withTransaction}/{@code @WithTransaction}: the event exists if and only if the change commits.
 * The current trace and correlation id are stored with it so the relay continues the same trace.
 */
@ApplicationScoped
public class OutboxWriter {
    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "quarkus.application.name")
    String application;

    /** @param key Kafka key (the entity that orders the events); also the CloudEvent subject. */
    public Uni<CloudEvent> append(String topic, String key, String type, Object payload) {
        return append(topic, key, type, payload, OffsetDateTime.now());
    }

    public Uni<CloudEvent> append(String topic, String key, String type, Object payload, OffsetDateTime occurredAt) {
        OutboxEvent row = new OutboxEvent();
        row.id = UUID.randomUUID().toString();
        row.topic = topic;
        row.key = key;
        row.subject = key;
        row.type = type;
        row.source = "/tradeflow/" + application;
        row.correlationId = CorrelationIds.current();
        row.traceparent = traceparent();
        row.payload = json(payload);
        row.occurredAt = occurredAt;
        return row.persist().replaceWith(() -> new CloudEvent(row.id, row.source, row.type, row.subject,
                row.occurredAt, row.correlationId, row.traceparent, row.payload));
    }

    private String json(Object payload) {
        if (payload instanceof String text) {
            return text;
        }
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload cannot be written as JSON", e);
        }
    }

    static String traceparent() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }
}
