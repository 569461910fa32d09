package io.tradeflow.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

class DatabaseOutagesTest {

    @Test
    void aDatabaseDownRestartingOrRecoveringIsAnOutageHoweverItIsWrapped() {
        // What the quote endpoint met with PostgreSQL killed: the pool's connect attempt refused.
        assertThat(DatabaseOutages.unreachable(new CompletionException(new RuntimeException("pool",
                new ConnectException("Connection refused: /127.0.0.1:15432"))))).isTrue();
        assertThat(DatabaseOutages.unreachable(ClosedConnectionException.INSTANCE)).isTrue();
        assertThat(DatabaseOutages.unreachable(new PgException("the database system is in recovery mode", "FATAL",
                "57P03", null))).isTrue();
        assertThat(DatabaseOutages.unreachable(new RuntimeException("HR000",
                new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(DatabaseOutages.unreachable(new SQLException("connection failure", "08006"))).isTrue();
        assertThat(DatabaseOutages.unreachable(new io.vertx.core.VertxException("Timeout waiting for connection")))
                .isTrue();
    }

    @Test
    void theClientIsToldToRetryNotThatItsRequestBrokeSomething() {
        jakarta.ws.rs.core.Response answer = new ProblemMappers().unexpected(
                new RuntimeException(new ConnectException("Connection refused")));
        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(answer.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(answer.getMediaType().toString()).isEqualTo("application/problem+json");
        assertThat(new ProblemMappers().unexpected(new IllegalStateException("boom")).getStatus()).isEqualTo(500);
    }

    @Test
    void aFailureOfTheRequestOrOfOurCodeIsNoOutage() {
        assertThat(DatabaseOutages.unreachable(new PgException("deadlock detected", "ERROR", "40P01", null))).isFalse();
        assertThat(DatabaseOutages.unreachable(new PgException("value too long", "ERROR", "22001", null))).isFalse();
        assertThat(DatabaseOutages.unreachable(new PgException("relation \"x\" does not exist", "ERROR", "42P01",
                null))).isFalse();
        assertThat(DatabaseOutages.unreachable(new IllegalStateException("boom"))).isFalse();
        assertThat(DatabaseOutages.unreachable(new SQLException("protocol violation", "08P01"))).isFalse();
        // Another service refusing the connection is that service's outage, not our database's.
        assertThat(DatabaseOutages.unreachable(new jakarta.ws.rs.ProcessingException(
                new ConnectException("Connection refused: /127.0.0.1:8081")))).isFalse();
    }
}
