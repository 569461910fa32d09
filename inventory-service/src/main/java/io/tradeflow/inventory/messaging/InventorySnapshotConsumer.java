package io.tradeflow.inventory.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.tradeflow.platform.messaging.TransientFailures;
import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.events.CloudEventTypes;
import io.tradeflow.contracts.events.InvalidCloudEventException;
import io.tradeflow.contracts.events.KafkaCloudEvents;
import io.tradeflow.contracts.inventory.InventorySnapshot;
import io.tradeflow.inventory.service.Reconciler;
import io.tradeflow.platform.correlation.CorrelationIds;

/** ERP physical counts from {@code erp.inventory-snapshots} (key = location); bad ones go to the DLQ. */
@ApplicationScoped
public class InventorySnapshotConsumer {
    @Inject
    Reconciler reconciler;
    @Inject
    ObjectMapper mapper;

    @Incoming("inventory-snapshots")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return Uni.createFrom().deferred(() -> {
            CloudEvent event = KafkaCloudEvents.read(record.headers(), record.value());
            CorrelationIds.adopt(event.correlationId());
            if (!CloudEventTypes.INVENTORY_SNAPSHOT.equals(event.type())) {
                throw new InvalidCloudEventException("ce_type must be " + CloudEventTypes.INVENTORY_SNAPSHOT);
            }
            InventorySnapshot snapshot = read(event.data());
            return TransientFailures.retriedWhileTransient("Reconciling ERP snapshot event " + event.id(),
                    () -> reconciler.reconcile(event.id(), snapshot));
        });
    }

    private InventorySnapshot read(String data) {
        try {
            return mapper.readValue(data, InventorySnapshot.class);
        } catch (Exception e) {
            throw new IllegalArgumentException("payload is not a valid InventorySnapshot: " + e.getMessage());
        }
    }
}
