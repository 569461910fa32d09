package io.tradeflow.testinfra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Makes the real PostgreSQL refuse one event's first deliveries with a serialization failure (SQLSTATE 40001),
 * the kind of failure that passes by itself, as a failover or a conflicting transaction would. A trigger on the
 * platform's {@code processed_event} table raises it while the consumer records the event id, inside the
 * transaction that applies the event; a sequence counts the attempts, because a counter in a table would be
 * rolled back with the failing transaction.
 */
public final class PassingDatabaseFailures implements AutoCloseable {
    private final String url;
    private final String name;

    private PassingDatabaseFailures(String url, String name) {
        this.url = url;
        this.name = name;
    }

    /** The first {@code times} attempts to record {@code eventId} in {@code database} fail with 40001. */
    public static PassingDatabaseFailures failFirstDeliveries(String database, String eventId, int times) {
        String url = "jdbc:postgresql://" + EmbeddedServers.pgHost() + ":" + EmbeddedServers.pgPort() + "/" + database;
        String name = "test_passing_failure_" + UUID.randomUUID().toString().replace("-", "");
        PassingDatabaseFailures failures = new PassingDatabaseFailures(url, name);
        failures.execute("create sequence " + name);
        failures.execute("create function " + name + "() returns trigger language plpgsql as $$ begin "
                + "if new.event_id = '" + eventId.replace("'", "''") + "' then "
                + "if nextval('" + name + "') <= " + times + " then "
                + "raise exception 'test: the database refuses this event for now' using errcode = '40001'; "
                + "end if; end if; return new; end $$");
        failures.execute("create trigger " + name + " before insert on processed_event for each row execute function "
                + name + "()");
        return failures;
    }

    /** How many times the event's id was offered to the database so far (failed attempts and the one that passed). */
    public long attempts() {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("select case when is_called then last_value else 0 end from " + name)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        execute("drop trigger if exists " + name + " on processed_event");
        execute("drop function if exists " + name + "()");
        execute("drop sequence if exists " + name);
    }

    private void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run: " + sql, e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "postgres", EmbeddedServers.pgPassword());
    }
}
