package io.tradeflow.contracts.events;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

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
        List<String> problems = new ArrayList<>();
        String spec = get(headers, CE_SPECVERSION);
        if (!CloudEvent.SPEC_VERSION.equals(spec)) {
            problems.add(CE_SPECVERSION + " must be 1.0 but was " + spec);
        }
        String id = require(headers, CE_ID, problems);
        String source = require(headers, CE_SOURCE, problems);
        String type = require(headers, CE_TYPE, problems);
        String contentType = get(headers, CONTENT_TYPE);
        if (contentType != null && !contentType.startsWith(CloudEvent.CONTENT_TYPE)) {
            problems.add(CONTENT_TYPE + " must be application/json but was " + contentType);
        }
        OffsetDateTime time = null;
        String rawTime = get(headers, CE_TIME);
        if (rawTime != null) {
            try {
                time = OffsetDateTime.parse(rawTime);
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
        return new CloudEvent(id, source, type, get(headers, CE_SUBJECT), time, get(headers, CE_CORRELATION_ID),
                get(headers, TRACEPARENT), value);
    }

    public static String get(Headers headers, String name) {
        if (headers == null) {
            return null;
        }
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String require(Headers headers, String name, List<String> problems) {
        String value = get(headers, name);
        if (value == null || value.isBlank()) {
            problems.add(name + " is missing");
        }
        return value;
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
