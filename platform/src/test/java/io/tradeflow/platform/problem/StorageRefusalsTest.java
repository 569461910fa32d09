package io.tradeflow.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.vertx.pgclient.PgException;

class StorageRefusalsTest {

    @Test
    void aValuePostgresRefusesAsDataIsRecognisedHoweverItIsWrapped() {
        // Hibernate Reactive turns the client's PgException into an SQLException inside its own exception.
        Throwable wrapped = new CompletionException(new RuntimeException("DataException",
                new SQLException("ERROR: value too long for type character varying(64) (22001)", "22001")));
        assertThat(StorageRefusals.of(wrapped).reason()).isEqualTo("a text value is longer than the field allows");
        assertThat(StorageRefusals.of(new PgException("numeric field overflow", "ERROR", "22003", null)).reason())
                .contains("out of the range");
    }

    @Test
    void otherDatabaseFailuresStayOurs() {
        assertThat(StorageRefusals.of(new PgException("deadlock detected", "ERROR", "40P01", null))).isNull();
        assertThat(StorageRefusals.of(new SQLException("connection refused", "08001"))).isNull();
        assertThat(StorageRefusals.of(new IllegalStateException("boom"))).isNull();
    }
}
