package io.tradeflow.orders.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.opentelemetry.api.trace.Span;
import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.events.KafkaCloudEvents;
import io.tradeflow.contracts.json.Json;
import io.tradeflow.platform.correlation.CorrelationIds;

/** Opens a record: the CloudEvent envelope (adopting its correlation id) and its typed payload. */
final class Envelopes {

    static CloudEvent open(ConsumerRecord<String, String> record) {
        CloudEvent event = KafkaCloudEvents.read(record.headers(), record.value());
        CorrelationIds.adopt(event.correlationId());
        Span.current().setAttribute("tradeflow.event_type", event.type());
        return event;
    }

    /** @throws IllegalArgumentException naming what is wrong; the record then goes to the DLQ with it */
    static <T> T payload(CloudEvent event, Class<T> type) {
        T value = Json.read(event.data(), type);
        if (value == null) {
            throw new IllegalArgumentException("payload is empty");
        }
        return value;
    }

    private Envelopes() {
    }
}
