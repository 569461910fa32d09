package io.tradeflow.platform.problem;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Set;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * Recognises a request that failed because PostgreSQL could not be reached or was not serving, however the reactive
 * client or Hibernate Reactive wrapped it: a refused or lost connection, no pooled connection in time, or the server
 * shutting down, starting up or recovering from a crash. Such a request will succeed when retried once the database
 * is back, which is what a 503 with Retry-After tells the client; a 500 would say the request itself broke something.
 * A failed call to another service (a REST client's ProcessingException, a fault-tolerance refusal) is not one, even
 * when a refused connection caused it: the chain is not followed past it.
 */
public final class DatabaseOutages {
    /** SQLSTATEs of a server that refuses work for now, not because of the request. */
    private static final Set<String> NOT_SERVING = Set.of(
            "57P01", // admin_shutdown
            "57P02", // crash_shutdown
            "57P03", // cannot_connect_now: starting up, or in recovery after a crash
            "53300"); // too_many_connections

    /** Whether {@code failure} is the database being out of reach, not a fault of the request or of this service. */
    public static boolean unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.ws.rs.ProcessingException
                    || t.getClass().getName().startsWith("org.eclipse.microprofile.faulttolerance.exceptions.")) {
                return false;
            }
            if (t instanceof ConnectException || t instanceof ClosedConnectionException || poolWaitTimedOut(t)) {
                return true;
            }
            if (t instanceof PgException pg && notServing(pg.getSqlState())) {
                return true;
            }
            if (t instanceof SQLException sql && notServing(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Class 08 is a connection exception, except 08P01 (protocol violation: a driver or code bug, which retrying never
     * cures); the others are a server not serving for now.
     */
    private static boolean notServing(String sqlState) {
        return sqlState != null && ((sqlState.startsWith("08") && !"08P01".equals(sqlState))
                || NOT_SERVING.contains(sqlState));
    }

    /** No connection came free within the pool's wait (a database that accepts but does not answer). */
    private static boolean poolWaitTimedOut(Throwable t) {
        return t instanceof VertxException && "Timeout waiting for connection".equals(t.getMessage());
    }

    private DatabaseOutages() {
    }
}
