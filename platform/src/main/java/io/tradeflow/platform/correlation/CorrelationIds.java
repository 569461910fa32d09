package io.tradeflow.platform.correlation;

import java.util.UUID;

import org.jboss.logging.MDC;

import io.opentelemetry.api.trace.Span;

/**
 * The correlation id ties together every request, event and log line of one business flow (an order, a
 * partner interchange). It travels as the {@code X-Correlation-Id} header on REST and the
 * {@code ce_correlationid} CloudEvent attribute on Kafka, and sits in the logging MDC.
 */
public final class CorrelationIds {
    public static final String HEADER = "X-Correlation-Id";
    public static final String MDC_KEY = "correlationId";
    public static final String SPAN_ATTRIBUTE = "tradeflow.correlation_id";

    /** The current flow's id, or null outside one. */
    public static String current() {
        Object value = MDC.get(MDC_KEY);
        return value == null ? null : value.toString();
    }

    /** Makes {@code id} (or a new one when absent) the current flow's id; returns it. */
    public static String adopt(String id) {
        String effective = id == null || id.isBlank() ? UUID.randomUUID().toString() : id;
        MDC.put(MDC_KEY, effective);
        Span.current().setAttribute(SPAN_ATTRIBUTE, effective);
        return effective;
    }

    private CorrelationIds() {
    }
}
