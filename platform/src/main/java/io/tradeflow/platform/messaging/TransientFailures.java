package io.tradeflow.platform.messaging;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

import org.jboss.logging.Logger;

/**
 * Which database failures pass by themselves (connection loss, timeouts, deadlocks, serialization failures,
 * resource exhaustion), so a consumer retries its poll until they pass and an outage holds the partition
 * instead of dead-lettering good records. Anything else is the record's fault.
 */
public final class TransientFailures {
    private static final Logger LOG = Logger.getLogger(TransientFailures.class);

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg) {
                return passes(pg.getSqlState());
            }
            // Hibernate Reactive hands the PostgreSQL error on as a JDBC-style SQLException carrying the SQLSTATE.
            if (t instanceof java.sql.SQLException sql) {
                return passes(sql.getSQLState());
            }
            if (t instanceof io.vertx.core.VertxException || t instanceof java.io.IOException
                    || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof io.vertx.core.impl.NoStackTraceThrowable) {
                return true;
            }
        }
        return false;
    }

    /** Connection, transaction rollback (deadlock, serialization), resources, object in use, operator, system. */
    private static boolean passes(String sqlState) {
        String state = sqlState == null ? "" : sqlState;
        return state.startsWith("40") || state.startsWith("08") || state.startsWith("53") || state.startsWith("55")
                || state.startsWith("57") || state.startsWith("58");
    }

    /** Runs the work again, with backoff up to 5 s, for as long as it fails transiently; other failures pass on. */
    public static <T> Uni<T> retriedWhileTransient(Supplier<Uni<? extends T>> work, Consumer<Throwable> onRetry) {
        return Uni.createFrom().<T>deferred(work)
                .onFailure(TransientFailures::isTransient).invoke(onRetry)
                .onFailure(TransientFailures::isTransient).retry()
                .withBackOff(Duration.ofMillis(50), Duration.ofSeconds(5)).indefinitely();
    }

    /**
     * The same, logging each retry as a warning that names the work: for single-record consumers, whose failure
     * strategy would otherwise dead-letter a good record because the database was briefly away.
     */
    public static <T> Uni<T> retriedWhileTransient(String what, Supplier<Uni<? extends T>> work) {
        return retriedWhileTransient(work, failure -> LOG.warnf("%s failed for a passing reason, retrying: %s", what,
                failure.getMessage()));
    }
}
