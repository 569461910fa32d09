package io.tradeflow.orders.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.tradeflow.platform.messaging.DeadLetterRecords;

/**
 * Puts a record a poll consumer cannot apply on {@code <topic>.dlq} ({@link DeadLetterRecords}; DeadLetterDesk
 * reads it back). A batch nack would dead-letter the whole poll, so the poll consumers send here themselves and
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
        LOG.warnf("Dead-lettering %s-%d@%d (key %s): %s", record.topic(), record.partition(), record.offset(),
                record.key(), reason);
        return emitter.sendMessage(DeadLetterRecords.of(record, reason, cause));
    }
}
