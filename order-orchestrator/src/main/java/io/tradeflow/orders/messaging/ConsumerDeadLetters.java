package io.tradeflow.orders.messaging;

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

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tradeflow.contracts.events.Topics;

/**
 * Puts a record a poll consumer cannot apply on {@code <topic>.dlq}: original key, value and headers plus the
 * reason, in the {@code dead-letter-*} headers the connector's dead-letter-queue strategy writes (DeadLetterDesk
 * reads them back). A batch nack would dead-letter the whole poll, so the poll consumers send here themselves and
 * acknowledge the poll only once the broker has these.
 */
@ApplicationScoped
public class ConsumerDeadLetters {
    private static final Logger LOG = Logger.getLogger(ConsumerDeadLetters.class);

    @Inject
    @Channel("saga-dead-letters")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    MutinyEmitter<String> emitter;

    public Uni<Void> send(ConsumerRecord<String, String> record, String reason, Throwable cause) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith("dead-letter-")) {
                headers.add(header);
            }
        }
        put(headers, "dead-letter-reason", reason);
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
        LOG.warnf("Dead-lettering %s-%d@%d (key %s): %s", record.topic(), record.partition(), record.offset(),
                record.key(), reason);
        return emitter.sendMessage(Message.of(record.value() == null ? "" : record.value()).addMetadata(metadata));
    }

    private static void put(RecordHeaders headers, String key, String value) {
        headers.remove(key);
        headers.add(key, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
    }
}
