package io.tradeflow.inventory.messaging;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

import com.fasterxml.jackson.databind.ObjectReader;

import io.tradeflow.contracts.events.CloudEvent;
import io.tradeflow.contracts.events.CloudEventTypes;
import io.tradeflow.contracts.events.InvalidCloudEventException;
import io.tradeflow.contracts.events.KafkaCloudEvents;
import io.tradeflow.contracts.inventory.StockMovement;
import io.tradeflow.contracts.json.Json;
import io.tradeflow.inventory.service.MovementEntry;

/**
 * Reads the CloudEvent envelope and the movement while the Kafka client polls, on its polling thread: decoding the
 * headers and the JSON was about a fifth of the event loop's time per poll, and done here it overlaps the database
 * work of the poll before instead of preceding the poll's own. Never throws: a record that is not a valid movement
 * becomes a ReadMovement saying why, and the consumer dead-letters it (a throwing deserializer would stop the
 * channel or leave the failure to the connector's batch-wide handling).
 */
public class StockMovementDeserializer implements Deserializer<ReadMovement> {
    // The contracts' JSON configuration, the same one Quarkus' mapper gets (CanonicalJson); Kafka builds this
    // class itself, outside CDI.
    private static final ObjectReader MOVEMENTS = Json.mapper().readerFor(StockMovement.class);

    @Override
    public ReadMovement deserialize(String topic, byte[] data) {
        return deserialize(topic, null, data);
    }

    @Override
    public ReadMovement deserialize(String topic, Headers headers, byte[] data) {
        try {
            String value = data == null ? null : new String(data, StandardCharsets.UTF_8);
            CloudEvent event = KafkaCloudEvents.read(headers, value);
            if (!CloudEventTypes.STOCK_MOVEMENT.equals(event.type())) {
                throw new InvalidCloudEventException("ce_type must be " + CloudEventTypes.STOCK_MOVEMENT
                        + " but was " + event.type());
            }
            StockMovement movement;
            try {
                // The text the envelope check already decoded: the bytes are turned into characters once.
                movement = MOVEMENTS.readValue(value);
            } catch (Exception e) {
                throw new IllegalArgumentException("movement payload is not a valid StockMovement: " + e.getMessage());
            }
            if (movement == null) {
                throw new IllegalArgumentException("movement payload is empty");
            }
            return new ReadMovement(new MovementEntry(event.id(), movement, event.correlationId(), event.traceparent()),
                    null, data);
        } catch (RuntimeException unreadable) {
            return new ReadMovement(null, unreadable, data);
        }
    }
}
