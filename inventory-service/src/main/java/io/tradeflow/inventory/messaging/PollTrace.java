package io.tradeflow.inventory.messaging;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.tradeflow.contracts.events.Topics;
import io.tradeflow.contracts.inventory.StockMovement;
import io.tradeflow.inventory.service.MovementEntry;
import io.tradeflow.platform.outbox.OutboxWriter;
import io.tradeflow.platform.telemetry.TraceParents;

/**
 * The spans of one Kafka poll of movements, shaped for someone looking at a warehouse scan in Jaeger: each
 * movement gets its own span, a child of the trace the WMS started (its {@code traceparent}), carrying {@code sku}
 * and {@code location}, and its availability event continues from that span. The poll itself, which serves many
 * traces at once, is one span of its own with a link to every movement it applied (the OpenTelemetry messaging
 * convention for batch processing); each movement span links back to it.
 */
final class PollTrace {
    static final String POLL_SPAN = Topics.WMS_STOCK_MOVEMENTS + " process";
    static final String MOVEMENT_SPAN = "stock-movement apply";
    private static final AttributeKey<String> SKU = AttributeKey.stringKey("sku");
    private static final AttributeKey<String> LOCATION = AttributeKey.stringKey("location");

    private final Tracer tracer;
    private final Span poll;
    private final List<Span> movements = new ArrayList<>();
    private int deadLettered;

    PollTrace(Tracer tracer, int records) {
        this.tracer = tracer;
        this.poll = tracer.spanBuilder(POLL_SPAN).setNoParent().setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", Topics.WMS_STOCK_MOVEMENTS)
                .setAttribute("messaging.batch.message_count", (long) records)
                .startSpan();
    }

    /**
     * Starts the span of one movement under the trace its record carries (under the poll when it carries none)
     * and answers the entry whose availability event will continue from that span.
     */
    MovementEntry traced(MovementEntry entry, ConsumerRecord<String, ?> record) {
        Context upstream = TraceParents.context(entry.traceparent());
        SpanContext upstreamSpan = Span.fromContext(upstream).getSpanContext();
        SpanContext pollSpan = poll.getSpanContext();
        StockMovement m = entry.movement();
        SpanBuilder builder = tracer.spanBuilder(MOVEMENT_SPAN).setSpanKind(SpanKind.CONSUMER);
        if (upstreamSpan.isValid()) {
            builder.setParent(upstream);
            if (pollSpan.isValid()) {
                builder.addLink(pollSpan);
                if (poll.isRecording()) {
                    poll.addLink(upstreamSpan);
                }
            }
        } else {
            builder.setParent(Context.root().with(poll));
        }
        Span span = builder.startSpan();
        // Attributes only on spans that are kept: a sampled-out movement (most of them, under ratio sampling) still
        // carries its trace on to its event, but building its attributes cost a share of every poll's time on the
        // event loop. No sampler here decides on attributes, so setting them after the start loses nothing.
        if (span.isRecording()) {
            span.setAttribute(SKU, String.valueOf(m.sku()));
            span.setAttribute(LOCATION, String.valueOf(m.location()));
            span.setAttribute("movement.type", String.valueOf(m.type()));
            span.setAttribute("messaging.message.id", String.valueOf(entry.id()));
            // Topic and system are on the poll span: a span per movement is kept to what differs per movement.
            span.setAttribute("messaging.kafka.offset", record.offset());
            if (m.toLocation() != null) {
                span.setAttribute("toLocation", m.toLocation());
            }
        }
        movements.add(span);
        String traceparent = OutboxWriter.traceparent(span.getSpanContext());
        return traceparent == null ? entry : new MovementEntry(entry.id(), m, entry.correlationId(), traceparent);
    }

    void refused(int index, Throwable reason) {
        deadLettered++;
        Span span = movements.get(index);
        span.setAttribute("tradeflow.dead_lettered", true);
        span.setStatus(StatusCode.ERROR, String.valueOf(reason.getMessage()));
    }

    void unreadable() {
        deadLettered++;
    }

    void end(Throwable failure) {
        for (Span span : movements) {
            if (failure != null) {
                span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
            }
            span.end();
        }
        poll.setAttribute("tradeflow.dead_lettered", (long) deadLettered);
        if (failure != null) {
            poll.recordException(failure);
            poll.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
        }
        poll.end();
    }
}
