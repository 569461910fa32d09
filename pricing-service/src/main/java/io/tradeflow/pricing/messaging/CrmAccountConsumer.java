package io.tradeflow.pricing.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.tradeflow.platform.messaging.TransientFailures;
import io.tradeflow.contracts.customers.CrmAccount;
import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.events.KafkaCloudEvents;
import io.tradeflow.pricing.service.AccountIntake;
import io.tradeflow.pricing.service.IngestionMetrics;
import io.tradeflow.platform.correlation.CorrelationIds;

/** CRM tier, segment and buying group from {@code crm.accounts}; an invalid account nacks into crm.accounts.dlq. */
@ApplicationScoped
public class CrmAccountConsumer {
    @Inject
    CrmAccountCodec codec;
    @Inject
    AccountIntake intake;
    @Inject
    IngestionMetrics metrics;

    @Incoming("crm-accounts")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return Uni.createFrom().deferred(() -> {
            CloudEvent event = KafkaCloudEvents.read(record.headers(), record.value());
            CorrelationIds.adopt(event.correlationId());
            CrmAccount account = codec.decode(event);
            return TransientFailures.retriedWhileTransient("Recording CRM account event " + event.id(),
                    () -> intake.receive(event.id(), account))
                    .invoke(() -> metrics.received("crm.accounts", record.timestamp()));
        }).replaceWithVoid();
    }
}
