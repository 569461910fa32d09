package io.tradeflow.inventory.service;

import io.tradeflow.contracts.inventory.StockMovement;

/**
 * One movement to post, with what its availability event must carry forward: the correlation id and the
 * trace of the request or Kafka record that brought it, so the event continues that flow.
 *
 * @param id the CloudEvent id (Kafka) or {@code rest:<Idempotency-Key>[:i]}; the dedup key
 */
public record MovementEntry(String id, StockMovement movement, String correlationId, String traceparent) {
}
