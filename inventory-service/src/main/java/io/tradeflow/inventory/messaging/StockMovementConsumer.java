package io.tradeflow.inventory.messaging;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.events.KafkaCloudEvents;
import io.tradeflow.inventory.service.MovementIntake;
import io.tradeflow.platform.correlation.CorrelationIds;

/** Warehouse scans from {@code wms.stock-movements}; a failure nacks the record into the DLQ. */
@ApplicationScoped
public class StockMovementConsumer {
    @Inject
    MovementIntake intake;
    @Inject
    ObjectMapper mapper;

    @Incoming("stock-movements")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return Uni.createFrom().deferred(() -> {
            CloudEvent event = KafkaCloudEvents.read(record.headers(), record.value());
            CorrelationIds.adopt(event.correlationId());
            JsonNode movement = readJson(event.data());
            OffsetDateTime occurredAt = movement.hasNonNull("occurredAt")
                    ? OffsetDateTime.parse(movement.get("occurredAt").asText()) : event.time();
            return intake.receipt(event.id(), movement.get("sku").asText(), movement.get("location").asText(),
                    new BigDecimal(movement.get("quantity").asText()), occurredAt);
        }).replaceWithVoid();
    }

    private JsonNode readJson(String data) {
        try {
            return mapper.readTree(data);
        } catch (Exception e) {
            throw new IllegalArgumentException("payload is not valid JSON: " + e.getMessage());
        }
    }
}
