package io.tradeflow.inventory.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.events.CloudEventTypes;
import io.tradeflow.contracts.events.InvalidCloudEventException;
import io.tradeflow.contracts.events.KafkaCloudEvents;
import io.tradeflow.contracts.inventory.StockMovement;
import io.tradeflow.inventory.service.MovementIntake;
import io.tradeflow.platform.correlation.CorrelationIds;

/**
 * Warehouse scans from {@code wms.stock-movements} (key = SKU, so one SKU's movements arrive in order).
 * A movement that cannot be applied fails the message: the connector writes it to
 * {@code wms.stock-movements.dlq} with the reason in its headers and the consumer goes on.
 */
@ApplicationScoped
public class StockMovementConsumer {
    @Inject
    MovementIntake intake;
    @Inject
    ObjectMapper mapper;
    @Inject
    MeterRegistry registry;

    @Incoming("stock-movements")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return Uni.createFrom().deferred(() -> {
                    CloudEvent event = KafkaCloudEvents.read(record.headers(), record.value());
                    CorrelationIds.adopt(event.correlationId());
                    if (!CloudEventTypes.STOCK_MOVEMENT.equals(event.type())) {
                        throw new InvalidCloudEventException("ce_type must be " + CloudEventTypes.STOCK_MOVEMENT
                                + " but was " + event.type());
                    }
                    return intake.apply(event.id(), read(event.data()));
                })
                .onFailure().invoke(() -> registry.counter("tradeflow.inventory.movements.dead-lettered").increment())
                .replaceWithVoid();
    }

    private StockMovement read(String data) {
        try {
            return mapper.readValue(data, StockMovement.class);
        } catch (Exception e) {
            throw new IllegalArgumentException("movement payload is not a valid StockMovement: " + e.getMessage());
        }
    }
}
