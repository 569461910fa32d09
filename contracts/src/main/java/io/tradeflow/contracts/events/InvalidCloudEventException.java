package io.tradeflow.contracts.events;

/** A Kafka record that is not a valid CloudEvent; the message says which attribute and why. */
public class InvalidCloudEventException extends RuntimeException {
    public InvalidCloudEventException(String reason) {
        super(reason);
    }
}
