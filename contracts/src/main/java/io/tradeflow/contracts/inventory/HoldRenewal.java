package io.tradeflow.contracts.inventory;

/**
 * A live hold kept for longer ({@code POST /reservations/{id}/renewal}): it now expires {@code ttlSeconds} from now,
 * never earlier than it would have. The same cap as a new hold (seven days), so only someone who still wants the
 * goods keeps them off sale.
 */
public record HoldRenewal(int ttlSeconds) {
}
