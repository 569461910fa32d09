package io.tradeflow.inventory.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import io.tradeflow.inventory.service.InvalidMovementException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.tradeflow.platform.messaging.TransientFailures;

/**
 * Which failures of a poll's transaction are retried whole (they pass) and which make the consumer retry
 * record by record and dead-letter the record at fault (they would fail again).
 */
class PollFailuresTest {

    @Test
    void deadlocksSerializationConnectionLossAndTimeoutsPass() {
        assertThat(TransientFailures.isTransient(pg("40P01"))).isTrue(); // deadlock detected
        assertThat(TransientFailures.isTransient(pg("40001"))).isTrue(); // serialization failure
        assertThat(TransientFailures.isTransient(pg("08006"))).isTrue(); // connection failure
        assertThat(TransientFailures.isTransient(pg("57P01"))).isTrue(); // admin shutdown
        assertThat(TransientFailures.isTransient(ClosedConnectionException.INSTANCE)).isTrue();
        assertThat(TransientFailures.isTransient(new RuntimeException(new TimeoutException()))).isTrue();
    }

    @Test
    void badDataAndBugsDoNotPassAndAreIsolated() {
        assertThat(TransientFailures.isTransient(pg("22001"))).isFalse(); // value too long
        assertThat(TransientFailures.isTransient(pg("22003"))).isFalse(); // numeric out of range
        assertThat(TransientFailures.isTransient(pg("23505"))).isFalse(); // unique violation
        assertThat(TransientFailures.isTransient(new InvalidMovementException("sku", "sku is required"))).isFalse();
        assertThat(TransientFailures.isTransient(new NullPointerException())).isFalse();
    }

    private static PgException pg(String sqlState) {
        return new PgException("failure " + sqlState, "ERROR", sqlState, null);
    }
}
