package io.tradeflow.inventory.messaging;

import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a read movement back as the bytes it arrived as: the connector's own dead-letter strategy (the last resort
 * behind MovementDeadLetters) then puts the original value on {@code wms.stock-movements.dlq}.
 */
public class ReadMovementSerializer implements Serializer<ReadMovement> {
    @Override
    public byte[] serialize(String topic, ReadMovement movement) {
        return movement == null ? null : movement.raw();
    }
}
