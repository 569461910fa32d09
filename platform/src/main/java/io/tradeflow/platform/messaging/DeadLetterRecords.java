package io.tradeflow.platform.messaging;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tradeflow.contracts.events.Topics;

/**
 * A record a batch consumer cannot apply, addressed to {@code <topic>.dlq}: original key, value and headers plus
 * the reason, in the {@code dead-letter-*} headers the connector's dead-letter-queue strategy writes, so one
 * dead-letter reader and replay serve both. Batch consumers need this because a batch nack would dead-letter the
 * whole poll; they send these themselves and acknowledge the poll once the broker has them.
 */
public final class DeadLetterRecords {
    /** The failed message's W3C trace context, as it arrived. */
    public static final String TRACEPARENT = "dead-letter-traceparent";

    private DeadLetterRecords() {
    }

    /** @param cause what failed, or null when the reason says it all */
    public static Message<String> of(ConsumerRecord<String, String> record, String reason, Throwable cause) {
        return of(record, record.value(), reason, cause);
    }

    /**
     * For a consumer whose deserializer turned the value into something else.
     *
     * @param value the record's value as it arrived
     */
    public static Message<String> of(ConsumerRecord<String, ?> record, String value, String reason, Throwable cause) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith("dead-letter-")) {
                headers.add(header);
            }
        }
        put(headers, "dead-letter-reason", reason);
        // The producer's tracing writes its own traceparent over the copied one; this keeps the trace the failed
        // message belonged to, so a replay continues it.
        Header traceparent = record.headers().lastHeader("traceparent");
        if (traceparent != null) {
            headers.add(TRACEPARENT, traceparent.value());
        }
        if (cause != null) {
            put(headers, "dead-letter-exception-class-name", cause.getClass().getName());
            if (cause.getCause() != null) {
                put(headers, "dead-letter-cause", String.valueOf(cause.getCause().getMessage()));
            }
        }
        put(headers, "dead-letter-topic", record.topic());
        put(headers, "dead-letter-partition", Integer.toString(record.partition()));
        put(headers, "dead-letter-offset", Long.toString(record.offset()));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(Topics.dlq(record.topic())).withKey(record.key()).withHeaders(headers).build();
        return Message.of(value == null ? "" : value).addMetadata(metadata);
    }

    private static void put(RecordHeaders headers, String key, String value) {
        headers.remove(key);
        headers.add(key, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
    }
}
