package io.tradeflow.inventory.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import io.tradeflow.inventory.service.InvalidMovementException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Which failures of a poll's transaction are retried whole (they pass) and which make the consumer retry
 * record by record and dead-letter the record at fault (they would fail again).
 */
class PollFailuresTest {

    @Test
    void deadlocksSerializationConnectionLossAndTimeoutsPass() {
        assertThat(StockMovementConsumer.passing(pg("40P01"))).isTrue(); // deadlock detected
        assertThat(StockMovementConsumer.passing(pg("40001"))).isTrue(); // serialization failure
        assertThat(StockMovementConsumer.passing(pg("08006"))).isTrue(); // connection failure
        assertThat(StockMovementConsumer.passing(pg("57P01"))).isTrue(); // admin shutdown
        assertThat(StockMovementConsumer.passing(ClosedConnectionException.INSTANCE)).isTrue();
        assertThat(StockMovementConsumer.passing(new RuntimeException(new TimeoutException()))).isTrue();
    }

    @Test
    void badDataAndBugsDoNotPassAndAreIsolated() {
        assertThat(StockMovementConsumer.passing(pg("22001"))).isFalse(); // value too long
        assertThat(StockMovementConsumer.passing(pg("22003"))).isFalse(); // numeric out of range
        assertThat(StockMovementConsumer.passing(pg("23505"))).isFalse(); // unique violation
        assertThat(StockMovementConsumer.passing(new InvalidMovementException("sku", "sku is required"))).isFalse();
        assertThat(StockMovementConsumer.passing(new NullPointerException())).isFalse();
    }

    private static PgException pg(String sqlState) {
        return new PgException("failure " + sqlState, "ERROR", sqlState, null);
    }
}
