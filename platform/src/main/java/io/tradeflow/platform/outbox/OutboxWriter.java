package io.tradeflow.platform.outbox;

import java.time.OffsetDateTime;
import java.util.List;
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
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

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
        return append(topic, key, type, payload, occurredAt, CorrelationIds.current());
    }

    /** Under {@code correlationId} rather than the current one: an entity's events keep the id it came in with. */
    public Uni<CloudEvent> append(String topic, String key, String type, Object payload, OffsetDateTime occurredAt,
                                  String correlationId) {
        OutboxEvent row = new OutboxEvent();
        row.id = UUID.randomUUID().toString();
        row.topic = topic;
        row.key = key;
        row.subject = key;
        row.type = type;
        row.source = "/tradeflow/" + application;
        row.correlationId = correlationId;
        row.traceparent = traceparent();
        row.payload = json(payload);
        row.occurredAt = occurredAt;
        return row.persist().replaceWith(() -> new CloudEvent(row.id, row.source, row.type, row.subject,
                row.occurredAt, row.correlationId, row.traceparent, row.payload));
    }

    /**
     * An event for {@link #appendAll}; it carries its own correlation id and trace because one batch mixes events
     * caused by different messages.
     */
    public record Pending(String key, Object payload, OffsetDateTime occurredAt, String correlationId,
                          String traceparent) {
    }

    /**
     * The set-based form for hot paths on the plain SQL client: appends every event of one topic and type in one
     * statement on {@code conn}, which must be inside the transaction of the change they report.
     */
    public Uni<Void> appendAll(SqlConnection conn, String topic, String type, List<Pending> events) {
        int n = events.size();
        String[] ids = new String[n];
        String[] keys = new String[n];
        String[] correlations = new String[n];
        String[] traceparents = new String[n];
        String[] payloads = new String[n];
        String[] occurredAt = new String[n];
        for (int i = 0; i < n; i++) {
            Pending event = events.get(i);
            ids[i] = UUID.randomUUID().toString();
            keys[i] = event.key();
            correlations[i] = event.correlationId();
            traceparents[i] = event.traceparent();
            payloads[i] = json(event.payload());
            occurredAt[i] = event.occurredAt().toString();
        }
        return conn.preparedQuery("insert into outbox_event (id, topic, event_key, type, source, subject, "
                        + "correlation_id, traceparent, payload, occurred_at) select t.id, $1, t.k, $2, $3, t.k, t.c, "
                        + "t.tp, t.p, t.o::timestamptz from unnest($4::varchar[], $5::varchar[], $6::varchar[], "
                        + "$7::varchar[], $8::text[], $9::text[]) as t(id, k, c, tp, p, o)")
                .execute(Tuple.from(List.of(topic, type, "/tradeflow/" + application, ids, keys, correlations,
                        traceparents, payloads, occurredAt)))
                .replaceWithVoid();
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

    /** The W3C traceparent of the current span, or null outside a trace; what an outbox row carries. */
    public static String traceparent() {
        return traceparent(Span.current().getSpanContext());
    }

    /** The W3C traceparent of the given span, or null when it is not a valid span. */
    public static String traceparent(SpanContext span) {
        if (!span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }
}
