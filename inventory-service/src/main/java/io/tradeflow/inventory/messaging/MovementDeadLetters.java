package io.tradeflow.inventory.messaging;


import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.tradeflow.platform.messaging.DeadLetterRecords;

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

    public Uni<Void> send(ConsumerRecord<String, ReadMovement> record, Throwable reason) {
        String message = reason.getMessage() == null ? reason.getClass().getName() : reason.getMessage();
        LOG.warnf("Dead-lettering movement %s-%d@%d (key %s): %s", record.topic(), record.partition(),
                record.offset(), record.key(), message);
        return emitter.sendMessage(DeadLetterRecords.of(record,
                        record.value() == null ? null : record.value().rawText(), message, reason))
                .invoke(() -> registry.counter("tradeflow.inventory.movements.dead-lettered").increment());
    }
}
