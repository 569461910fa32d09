package io.tradeflow.contracts.events;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.tradeflow.contracts.json.Rfc3339;

/**
 * Writes and reads CloudEvents 1.0 in Kafka binary mode: attributes as {@code ce_*} headers,
 * {@code content-type: application/json}, the payload as the value, the subject as the key.
 */
public final class KafkaCloudEvents {
    public static final String CE_SPECVERSION = "ce_specversion";
    public static final String CE_ID = "ce_id";
    public static final String CE_SOURCE = "ce_source";
    public static final String CE_TYPE = "ce_type";
    public static final String CE_SUBJECT = "ce_subject";
    public static final String CE_TIME = "ce_time";
    /** CloudEvents extension attribute carrying the business correlation id. */
    public static final String CE_CORRELATION_ID = "ce_correlationid";
    public static final String CONTENT_TYPE = "content-type";
    /** W3C trace context header, the one OpenTelemetry's Kafka propagation reads and writes. */
    public static final String TRACEPARENT = "traceparent";

    /** Headers for the event; {@code traceparent} is only written when the event carries one. */
    public static Headers headers(CloudEvent event) {
        Headers headers = new RecordHeaders();
        put(headers, CE_SPECVERSION, CloudEvent.SPEC_VERSION);
        put(headers, CE_ID, event.id());
        put(headers, CE_SOURCE, event.source());
        put(headers, CE_TYPE, event.type());
        put(headers, CE_SUBJECT, event.subject());
        put(headers, CE_TIME, event.time() == null ? null : event.time().toString());
        put(headers, CE_CORRELATION_ID, event.correlationId());
        put(headers, CONTENT_TYPE, CloudEvent.CONTENT_TYPE);
        put(headers, TRACEPARENT, event.traceparent());
        return headers;
    }

    /**
     * Reads the envelope of a record.
     *
     * @throws InvalidCloudEventException naming the missing or malformed attribute
     */
    public static CloudEvent read(Headers headers, String value) {
        // One pass over the headers instead of a backward scan per attribute: this runs for every consumed record.
        // A repeated header counts by its last occurrence, as Headers.lastHeader would have it.
        String spec = null, id = null, source = null, type = null, subject = null, rawTime = null;
        String correlationId = null, contentType = null, traceparent = null;
        if (headers != null) {
            for (Header header : headers) {
                // Only the attributes are decoded; other headers (tracing baggage, broker-added ones) are skipped.
                switch (header.key()) {
                    case CE_SPECVERSION -> spec = text(header);
                    case CE_ID -> id = text(header);
                    case CE_SOURCE -> source = text(header);
                    case CE_TYPE -> type = text(header);
                    case CE_SUBJECT -> subject = text(header);
                    case CE_TIME -> rawTime = text(header);
                    case CE_CORRELATION_ID -> correlationId = text(header);
                    case CONTENT_TYPE -> contentType = text(header);
                    case TRACEPARENT -> traceparent = text(header);
                    default -> { }
                }
            }
        }
        List<String> problems = new ArrayList<>();
        if (!CloudEvent.SPEC_VERSION.equals(spec)) {
            problems.add(CE_SPECVERSION + " must be 1.0 but was " + spec);
        }
        require(CE_ID, id, problems);
        require(CE_SOURCE, source, problems);
        require(CE_TYPE, type, problems);
        if (contentType != null && !contentType.startsWith(CloudEvent.CONTENT_TYPE)) {
            problems.add(CONTENT_TYPE + " must be application/json but was " + contentType);
        }
        OffsetDateTime time = null;
        if (rawTime != null) {
            try {
                time = Rfc3339.parse(rawTime);
            } catch (DateTimeParseException e) {
                problems.add(CE_TIME + " is not an RFC 3339 timestamp: " + rawTime);
            }
        }
        if (value == null || value.isBlank()) {
            problems.add("data is empty");
        }
        if (!problems.isEmpty()) {
            throw new InvalidCloudEventException(String.join("; ", problems));
        }
        return new CloudEvent(id, source, type, subject, time, correlationId, traceparent, value);
    }

    public static String get(Headers headers, String name) {
        return headers == null ? null : text(headers.lastHeader(name));
    }

    private static String text(Header header) {
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void require(String name, String value, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(name + " is missing");
        }
    }

    private static void put(Headers headers, String name, String value) {
        if (value != null) {
            headers.remove(name);
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private KafkaCloudEvents() {
    }
}
