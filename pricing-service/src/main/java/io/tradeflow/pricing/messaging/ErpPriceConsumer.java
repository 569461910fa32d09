package io.tradeflow.pricing.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.tradeflow.platform.messaging.TransientFailures;
import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.events.KafkaCloudEvents;
import io.tradeflow.pricing.service.IngestionMetrics;
import io.tradeflow.pricing.service.PriceRecordIntake;
import io.tradeflow.platform.correlation.CorrelationIds;

/** ERP pricing records from {@code erp.prices} into the database; an invalid record nacks into erp.prices.dlq. */
@ApplicationScoped
public class ErpPriceConsumer {
    @Inject
    PriceRecordCodec codec;
    @Inject
    PriceRecordIntake intake;
    @Inject
    IngestionMetrics metrics;

    @Incoming("erp-prices")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return Uni.createFrom().deferred(() -> {
            CloudEvent event = KafkaCloudEvents.read(record.headers(), record.value());
            CorrelationIds.adopt(event.correlationId());
            PriceRecordCodec.Decoded decoded = codec.decode(event);
            return TransientFailures.retriedWhileTransient("Recording ERP price event " + event.id(),
                    () -> intake.receive(event.id(), decoded.kind(), decoded.record(), event.data()))
                    .invoke(() -> metrics.received("erp.prices", record.timestamp()));
        }).replaceWithVoid();
    }
}
