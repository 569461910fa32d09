package io.tradeflow.inventory.messaging;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Puts a warehouse movement that cannot be applied on {@code wms.stock-movements.dlq}: the original key, value
 * and headers (so operations can fix and replay it) plus the reason, in the same {@code dead-letter-*} headers
 * the connector's dead-letter-queue strategy writes. Batch consumption cannot use that strategy per record
 * (a batch nack dead-letters every record of the poll), so the consumer sends here and acks the poll only
 * after these sends are acknowledged by the broker.
 */
@ApplicationScoped
public class MovementDeadLetters {
    private static final Logger LOG = Logger.getLogger(MovementDeadLetters.class);

    @Inject
    @Channel("stock-movements-dead-letters")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    MutinyEmitter<String> emitter;
    @Inject
    MeterRegistry registry;

    public Uni<Void> send(ConsumerRecord<String, String> record, Throwable reason) {
        String message = reason.getMessage() == null ? reason.getClass().getName() : reason.getMessage();
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith("dead-letter-")) {
                headers.add(header);
            }
        }
        put(headers, "dead-letter-reason", message);
        put(headers, "dead-letter-exception-class-name", reason.getClass().getName());
        if (reason.getCause() != null) {
            put(headers, "dead-letter-cause", String.valueOf(reason.getCause().getMessage()));
        }
        put(headers, "dead-letter-topic", record.topic());
        put(headers, "dead-letter-partition", Integer.toString(record.partition()));
        put(headers, "dead-letter-offset", Long.toString(record.offset()));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key()).withHeaders(headers).build();
        LOG.warnf("Dead-lettering movement %s-%d@%d (key %s): %s", record.topic(), record.partition(),
                record.offset(), record.key(), message);
        return emitter.sendMessage(Message.of(record.value() == null ? "" : record.value()).addMetadata(metadata))
                .invoke(() -> registry.counter("tradeflow.inventory.movements.dead-lettered").increment());
    }

    private static void put(RecordHeaders headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
