package io.tradeflow.contracts.events;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.UUID;

/**
 * A CloudEvents 1.0 envelope with a JSON payload, as carried in Kafka binary mode (attributes in
 * {@code ce_*} headers, payload as the record value, business key as the record key).
 *
 * @param id            unique per event; consumers deduplicate on it
 * @param source        URI-reference of the producer, e.g. {@code /tradeflow/inventory-service}
 * @param type          versioned type, see {@link CloudEventTypes}
 * @param subject       the business key the event is about (also the Kafka key)
 * @param time          when the fact happened
 * @param correlationId one id carried through every hop of a business flow
 * @param traceparent   W3C trace context of the producing span, may be null
 * @param data          the JSON payload
 */
public record CloudEvent(String id, String source, String type, String subject, OffsetDateTime time,
                         String correlationId, String traceparent, String data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
    }

    public static CloudEvent of(String source, String type, String subject, String correlationId, String data) {
        return new CloudEvent(UUID.randomUUID().toString(), source, type, subject, OffsetDateTime.now(),
                correlationId, null, data);
    }

    public CloudEvent withTraceparent(String traceparent) {
        return new CloudEvent(id, source, type, subject, time, correlationId, traceparent, data);
    }

    public CloudEvent withCorrelationId(String correlationId) {
        return new CloudEvent(id, source, type, subject, time, correlationId, traceparent, data);
    }
}
