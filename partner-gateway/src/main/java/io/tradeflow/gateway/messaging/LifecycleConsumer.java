package io.tradeflow.gateway.messaging;

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
import io.tradeflow.contracts.orders.OrderLifecycleChanged;
import io.tradeflow.gateway.service.OutboundDocuments;
import io.tradeflow.platform.correlation.CorrelationIds;

/**
 * Order transitions from {@code orders.lifecycle} (key = orderId). Partner orders get their 855/856/810;
 * others are skipped. An event that cannot be applied fails the message: the connector writes it to
 * {@code orders.lifecycle.dlq} with the reason and the consumer goes on.
 */
@ApplicationScoped
public class LifecycleConsumer {
    @Inject
    OutboundDocuments documents;
    @Inject
    ObjectMapper mapper;

    @Incoming("order-lifecycle")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return Uni.createFrom().deferred(() -> {
            CloudEvent event = KafkaCloudEvents.read(record.headers(), record.value());
            // The partner's documents carry the order's correlation id, so its whole flow is one search away.
            CorrelationIds.adopt(event.correlationId());
            if (!CloudEventTypes.ORDER_LIFECYCLE.equals(event.type())) {
                throw new InvalidCloudEventException("ce_type must be " + CloudEventTypes.ORDER_LIFECYCLE
                        + " but was " + event.type());
            }
            OrderLifecycleChanged change = read(event.data());
            // A database outage holds the partition: a lost CONFIRMED/SHIPPED/INVOICED is a partner's missing document.
            return TransientFailures.retriedWhileTransient("Applying lifecycle event " + event.id(),
                    () -> documents.apply(event.id(), change));
        }).replaceWithVoid();
    }

    private OrderLifecycleChanged read(String data) {
        try {
            return mapper.readValue(data, OrderLifecycleChanged.class);
        } catch (Exception e) {
            throw new IllegalArgumentException("payload is not a valid OrderLifecycleChanged: " + e.getMessage());
        }
    }
}
