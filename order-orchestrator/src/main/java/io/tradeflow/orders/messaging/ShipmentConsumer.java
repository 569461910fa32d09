package io.tradeflow.orders.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.orders.Shipment;
import io.tradeflow.orders.service.FulfilmentEvents;

/** Dispatches from the warehouse on {@code wms.shipments}. */
@ApplicationScoped
public class ShipmentConsumer {
    static final String CONSUMER = "wms-shipments";

    @Inject
    FulfilmentEvents events;

    @Incoming("shipments")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return Uni.createFrom().deferred(() -> {
            CloudEvent event = Envelopes.open(record);
            return events.shipped(CONSUMER, event.id(), Envelopes.payload(event, Shipment.class));
        });
    }
}
