package io.tradeflow.orders.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.events.CloudEventTypes;
import io.tradeflow.contracts.orders.ReturnReceived;
import io.tradeflow.contracts.orders.Shipment;
import io.tradeflow.orders.service.FulfilmentEvents;

/** Dispatches, and returns checked in, from the warehouse on {@code wms.shipments}, a poll at a time. */
@ApplicationScoped
public class ShipmentConsumer {
    static final String CONSUMER = "wms-shipments";

    @Inject
    FulfilmentEvents events;
    @Inject
    SagaEventPolls polls;

    @Incoming("shipments")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return polls.consume(CONSUMER, records, event -> switch (event.type()) {
            case CloudEventTypes.SHIPMENT_DISPATCHED -> events.shipped(event, Envelopes.payload(event, Shipment.class));
            case CloudEventTypes.RETURN_RECEIVED ->
                    events.returnReceived(event, Envelopes.payload(event, ReturnReceived.class));
            // Read as a shipment, another event would overwrite the order's shipment: dead-lettered instead.
            default -> throw new IllegalArgumentException("unexpected event type " + event.type() + " on wms.shipments");
        });
    }
}
