package io.tradeflow.orders.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.tradeflow.platform.messaging.TransientFailures;
import io.tradeflow.orders.service.DeadLetterDesk;

/** Reads our consumers' {@code <topic>.dlq} topics back into the dead_letter table for operations. */
@ApplicationScoped
public class DeadLetterConsumer {
    @Inject
    DeadLetterDesk desk;

    @Incoming("dead-letters")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        // Its own dead letters have no reader: a database outage must hold this partition, not pass the record on.
        return TransientFailures.retriedWhileTransient("Recording a dead letter from " + record.topic(),
                () -> desk.record(record));
    }
}
